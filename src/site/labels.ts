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
  },
};
