/**
 * Common words of the policy register, used only to segment Simplified text.
 *
 * OpenCC's phrase dictionary lists words that need special conversion, not
 * words in general, so it does not know that 建设 or 白皮书 are words. Then
 * 重复建设 may segment as 重|复建|设 (→ 重復建設, wrong) and 发布白皮书 as
 * 发|布白|皮|书, because nothing says 建设 and 白皮书 belong together. With
 * these words in the segmentation dictionary the right reading also has the
 * fewest segments. They are converted like any other segment (character by
 * character unless a dictionary phrase lies inside them), so a word here can
 * change how text is cut, never how a character is converted.
 *
 * Add a word when `explain()` shows a phrase boundary going wrong around it.
 */
export const simplifiedSegmentationWords: readonly string[] = [
  // Governance and administration
  "国务院", "办公室", "办公厅", "委员会", "人民政府", "政府", "部门", "中央", "地方", "各地", "各级",
  "地区", "全国", "国家", "党中央", "党员", "群众", "人民", "领导", "组织", "管理", "监督", "检查",
  "考核", "评估", "行政", "执法", "司法", "立法", "依法", "法律", "法规", "条例", "规定", "办法",
  "意见", "通知", "决定", "方案", "计划", "规划", "标准", "程序", "制度", "机制", "政策", "措施",
  "部署", "落实", "工作", "任务", "责任", "职责", "统一", "唯一", "同一", "进一步", "一体化",
  // Development vocabulary
  "建设", "改革", "开放", "创新", "协调", "绿色", "共享", "高质量", "现代化", "治理", "能力", "水平",
  "服务", "保障", "推进", "推动", "加强", "加快", "完善", "健全", "深化", "提升", "提高", "促进",
  "实施", "开展", "统筹", "持续", "有效", "积极", "有序", "稳步", "全面", "重大", "重点", "重要",
  "主要", "基本", "总体", "整体", "长期", "长远", "内生", "动力", "格局", "新征程", "征程",
  // Economy and society
  "经济", "社会", "文化", "生态", "环境", "安全", "稳定", "风险", "防控", "应急", "卫生", "健康",
  "医疗", "教育", "学生", "就业", "收入", "住房", "养老", "民生", "人生", "乡村", "振兴", "农业",
  "农村", "农民", "城市", "城镇", "区域", "产业", "企业", "市场", "投资", "消费", "贸易", "金融",
  "财政", "税收", "科技", "人才", "数字", "网络", "信息", "数据", "基础", "设施", "项目", "资金",
  "资源", "能源", "交通", "水利", "粉丝", "新闻", "白皮书", "吃饭",
  // Time and connectives
  "今日", "今年", "明年", "去年", "目前", "当前", "近年", "同时", "此外", "其中", "以及", "相关",
  "有关", "各类", "各项",
];
