// DTS regions: the one list the console knows, with Alibaba Cloud's own names in English and
// Simplified Chinese, and the API host each region is called on. Safe for the browser.
//
// Sources (public Alibaba Cloud documentation):
// - supported regions: https://help.aliyun.com/en/dts/developer-reference/supported-regions
// - API hosts: https://www.alibabacloud.com/help/en/dts/developer-reference/request-syntax
// - Chinese names: the region list of the Chinese DTS documentation (华东1（杭州） etc.)

import type { Locale } from "./locale";

/** The central API host. Alibaba's generated DTS SDKs map every region to it, and the request
 * syntax page lists it for the regions that have no host of their own (Ulanqab, Chengdu). */
export const CENTRAL_ENDPOINT = "dts.aliyuncs.com";

export interface DtsRegion {
  id: string;
  /** The English name as Alibaba Cloud's console shows it. */
  label: string;
  /** The Simplified Chinese name as Alibaba Cloud's console shows it (full-width parentheses). */
  labelZh: string;
  /** The regional API host, or null where the documentation lists none: call the central host. */
  host: string | null;
}

const regional = (id: string) => `dts.${id}.aliyuncs.com`;

export const DTS_REGIONS: readonly DtsRegion[] = [
  { id: "cn-hangzhou", label: "China (Hangzhou)", labelZh: "华东1（杭州）", host: regional("cn-hangzhou") },
  { id: "cn-shanghai", label: "China (Shanghai)", labelZh: "华东2（上海）", host: regional("cn-shanghai") },
  { id: "cn-qingdao", label: "China (Qingdao)", labelZh: "华北1（青岛）", host: regional("cn-qingdao") },
  { id: "cn-beijing", label: "China (Beijing)", labelZh: "华北2（北京）", host: regional("cn-beijing") },
  { id: "cn-zhangjiakou", label: "China (Zhangjiakou)", labelZh: "华北3（张家口）", host: regional("cn-zhangjiakou") },
  { id: "cn-huhehaote", label: "China (Hohhot)", labelZh: "华北5（呼和浩特）", host: regional("cn-huhehaote") },
  { id: "cn-wulanchabu", label: "China (Ulanqab)", labelZh: "华北6（乌兰察布）", host: null },
  { id: "cn-shenzhen", label: "China (Shenzhen)", labelZh: "华南1（深圳）", host: regional("cn-shenzhen") },
  { id: "cn-heyuan", label: "China (Heyuan)", labelZh: "华南2（河源）", host: null },
  { id: "cn-guangzhou", label: "China (Guangzhou)", labelZh: "华南3（广州）", host: null },
  { id: "cn-chengdu", label: "China (Chengdu)", labelZh: "西南1（成都）", host: null },
  { id: "cn-hongkong", label: "China (Hong Kong)", labelZh: "中国香港", host: regional("cn-hongkong") },
  { id: "ap-southeast-1", label: "Singapore", labelZh: "新加坡", host: regional("ap-southeast-1") },
  { id: "ap-southeast-3", label: "Malaysia (Kuala Lumpur)", labelZh: "马来西亚（吉隆坡）", host: regional("ap-southeast-3") },
  { id: "ap-southeast-5", label: "Indonesia (Jakarta)", labelZh: "印度尼西亚（雅加达）", host: regional("ap-southeast-5") },
  { id: "ap-southeast-6", label: "Philippines (Manila)", labelZh: "菲律宾（马尼拉）", host: null },
  { id: "ap-southeast-7", label: "Thailand (Bangkok)", labelZh: "泰国（曼谷）", host: null },
  { id: "ap-northeast-1", label: "Japan (Tokyo)", labelZh: "日本（东京）", host: regional("ap-northeast-1") },
  { id: "ap-northeast-2", label: "South Korea (Seoul)", labelZh: "韩国（首尔）", host: null },
  { id: "us-west-1", label: "US (Silicon Valley)", labelZh: "美国（硅谷）", host: regional("us-west-1") },
  { id: "us-east-1", label: "US (Virginia)", labelZh: "美东（弗吉尼亚）", host: regional("us-east-1") },
  { id: "eu-central-1", label: "Germany (Frankfurt)", labelZh: "德国（法兰克福）", host: regional("eu-central-1") },
  { id: "eu-west-1", label: "UK (London)", labelZh: "英国（伦敦）", host: regional("eu-west-1") },
  { id: "me-central-1", label: "SAU (Riyadh – Partner Region)", labelZh: "沙特（利雅得）", host: null },
  { id: "me-east-1", label: "UAE (Dubai)", labelZh: "阿联酋（迪拜）", host: regional("me-east-1") },
  // Finance Cloud. The request syntax page gives Hangzhou Finance the Hangzhou host and Beijing
  // Finance the central one.
  { id: "cn-hangzhou-finance", label: "China East 1 Finance", labelZh: "华东1金融云", host: regional("cn-hangzhou") },
  { id: "cn-shanghai-finance-1", label: "China East 2 Finance", labelZh: "华东2金融云", host: regional("cn-shanghai-finance-1") },
  { id: "cn-shenzhen-finance-1", label: "China South 1 Finance", labelZh: "华南1金融云", host: regional("cn-shenzhen-finance-1") },
  { id: "cn-beijing-finance-1", label: "China North 2 Finance (invitational preview)", labelZh: "华北2 金融云（邀测）", host: null },
];

export const REGION_IDS = DTS_REGIONS.map((r) => r.id) as [string, ...string[]];

export function findRegion(id: string): DtsRegion | undefined {
  return DTS_REGIONS.find((r) => r.id === id);
}

/** The region's name as Alibaba shows it in this language ("China (Hangzhou)", "华东1（杭州）"), or its ID. */
export function regionLabel(id: string, locale: Locale): string {
  const region = findRegion(id);
  if (!region) return id;
  return locale === "zh-CN" ? region.labelZh : region.label;
}

/**
 * The API host for a region: its own where it has one, else the central host. Never throws: an
 * ID the console does not list (a region opened after this list was written) goes to the central
 * host too, which is what Alibaba's SDKs do for every region. Callers validate region IDs at the
 * edge, so an unknown ID only reaches this from code, not from a user.
 */
export function endpointHost(regionId: string): string {
  return findRegion(regionId)?.host ?? CENTRAL_ENDPOINT;
}
