import type { Script } from "./scripts.js";

/**
 * The site's own words, written in both scripts by hand (not converted): they are few, fixed and seen on
 * every page, so each was chosen deliberately. Labels end in a full-width colon where a value follows.
 */
export interface Labels {
  readonly published: string;
  readonly updated: string;
  readonly source: string;
  readonly editor: string;
  readonly articleId: string;
  readonly related: string;
  readonly home: string;
  readonly sections: string;
  readonly latest: string;
  readonly more: string;
  readonly switchScript: string;
  readonly scriptName: string;
  readonly skipToContent: string;
  readonly breadcrumb: string;
  readonly noArticles: string;
  readonly tags: string;
  readonly archive: string;
  readonly pages: string;
  readonly pageNumber: (n: number) => string;
  readonly latestPage: string;
  readonly year: (year: number) => string;
  readonly month: (year: number, month: number) => string;
  readonly tagHeading: (tag: string) => string;
  readonly notFoundTitle: string;
  readonly notFoundText: string;
  readonly moved: string;
  readonly feed: string;
}

export const LABELS: Readonly<Record<Script, Labels>> = {
  "zh-Hans": {
    published: "发布时间：",
    updated: "更新时间：",
    source: "来源：",
    editor: "责任编辑：",
    articleId: "稿件编号：",
    related: "相关新闻",
    home: "首页",
    sections: "栏目",
    latest: "最新发布",
    more: "更多",
    switchScript: "繁體",
    scriptName: "简体",
    skipToContent: "跳到正文",
    breadcrumb: "当前位置",
    noArticles: "本栏目暂无稿件。",
    tags: "标签",
    archive: "归档",
    pages: "分页",
    pageNumber: (n) => `第${n}页`,
    latestPage: "最新",
    year: (year) => `${year}年`,
    month: (year, month) => `${year}年${month}月`,
    tagHeading: (tag) => `标签：${tag}`,
    notFoundTitle: "页面不存在",
    notFoundText: "您访问的页面不存在或已被移除。请从首页或栏目继续浏览。",
    moved: "本文已迁移至：",
    feed: "订阅",
  },
  "zh-Hant": {
    published: "發布時間：",
    updated: "更新時間：",
    source: "來源：",
    editor: "責任編輯：",
    articleId: "稿件編號：",
    related: "相關新聞",
    home: "首頁",
    sections: "欄目",
    latest: "最新發布",
    more: "更多",
    switchScript: "简体",
    scriptName: "繁體",
    skipToContent: "跳到正文",
    breadcrumb: "目前位置",
    noArticles: "本欄目暫無稿件。",
    tags: "標籤",
    archive: "歸檔",
    pages: "分頁",
    pageNumber: (n) => `第${n}頁`,
    latestPage: "最新",
    year: (year) => `${year}年`,
    month: (year, month) => `${year}年${month}月`,
    tagHeading: (tag) => `標籤：${tag}`,
    notFoundTitle: "頁面不存在",
    notFoundText: "您訪問的頁面不存在或已被移除。請從首頁或欄目繼續瀏覽。",
    moved: "本文已遷移至：",
    feed: "訂閱",
  },
};
