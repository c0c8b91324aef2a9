import { describe, expect, it } from "vitest";
import { CENTRAL_ENDPOINT, DTS_REGIONS, endpointHost, findRegion, REGION_IDS } from "@/lib/domain/regions";
import { regionParam } from "@/lib/domain/api";

// Alibaba Cloud's list of regions that support DTS (public cloud and Finance Cloud), from
// https://help.aliyun.com/en/dts/developer-reference/supported-regions, with the Chinese names of
// the Chinese edition of the same page.
const DOCUMENTED: Array<[id: string, zh: string]> = [
  ["cn-hangzhou", "华东1（杭州）"], ["cn-shanghai", "华东2（上海）"], ["cn-qingdao", "华北1（青岛）"],
  ["cn-beijing", "华北2（北京）"], ["cn-zhangjiakou", "华北3（张家口）"], ["cn-huhehaote", "华北5（呼和浩特）"],
  ["cn-wulanchabu", "华北6（乌兰察布）"], ["cn-shenzhen", "华南1（深圳）"], ["cn-heyuan", "华南2（河源）"],
  ["cn-guangzhou", "华南3（广州）"], ["cn-chengdu", "西南1（成都）"], ["cn-hongkong", "中国香港"],
  ["ap-southeast-1", "新加坡"], ["ap-southeast-3", "马来西亚（吉隆坡）"], ["ap-southeast-5", "印度尼西亚（雅加达）"],
  ["ap-southeast-6", "菲律宾（马尼拉）"], ["ap-southeast-7", "泰国（曼谷）"], ["ap-northeast-1", "日本（东京）"],
  ["ap-northeast-2", "韩国（首尔）"], ["us-west-1", "美国（硅谷）"], ["us-east-1", "美东（弗吉尼亚）"],
  ["eu-central-1", "德国（法兰克福）"], ["eu-west-1", "英国（伦敦）"], ["me-central-1", "沙特（利雅得）"],
  ["me-east-1", "阿联酋（迪拜）"], ["cn-hangzhou-finance", "华东1金融云"], ["cn-shanghai-finance-1", "华东2金融云"],
  ["cn-shenzhen-finance-1", "华南1金融云"], ["cn-beijing-finance-1", "华北2 金融云（邀测）"],
];

describe("the DTS region list", () => {
  it("holds every documented region once, with Alibaba's Chinese name", () => {
    expect(new Set(REGION_IDS).size).toBe(REGION_IDS.length);
    expect([...REGION_IDS].sort()).toEqual(DOCUMENTED.map(([id]) => id).sort());
    for (const [id, zh] of DOCUMENTED) expect(findRegion(id)?.labelZh).toBe(zh);
  });

  it("accepts every documented region at the API edge", () => {
    for (const [id] of DOCUMENTED) expect(regionParam.safeParse(id).success).toBe(true);
    expect(regionParam.safeParse("xx-nowhere-1").success).toBe(false);
  });

  it("calls each region on its own host where the request syntax page gives one", () => {
    expect(endpointHost("cn-hangzhou")).toBe("dts.cn-hangzhou.aliyuncs.com");
    expect(endpointHost("cn-shanghai-finance-1")).toBe("dts.cn-shanghai-finance-1.aliyuncs.com");
    expect(endpointHost("cn-hangzhou-finance")).toBe("dts.cn-hangzhou.aliyuncs.com");
  });

  it("calls the central host for regions without one, and never throws for an unlisted ID", () => {
    for (const id of ["cn-wulanchabu", "cn-chengdu", "cn-guangzhou", "cn-heyuan", "ap-southeast-6", "ap-southeast-7", "ap-northeast-2", "me-central-1", "cn-beijing-finance-1"]) {
      expect(endpointHost(id)).toBe(CENTRAL_ENDPOINT);
    }
    expect(endpointHost("xx-nowhere-1")).toBe(CENTRAL_ENDPOINT);
    expect(DTS_REGIONS.every((r) => r.host === null || /^dts\.[a-z0-9-]+\.aliyuncs\.com$/.test(r.host))).toBe(true);
  });
});
