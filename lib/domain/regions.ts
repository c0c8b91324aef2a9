// DTS regions and their public API endpoints (reference: dts-api.md section 7.1).
// Safe for the browser: nothing here is secret.

export interface DtsRegion {
  id: string;
  label: string;
  endpoint: string;
}

export const DTS_REGIONS: readonly DtsRegion[] = [
  { id: "cn-hangzhou", label: "China (Hangzhou)", endpoint: "dts.cn-hangzhou.aliyuncs.com" },
  { id: "cn-shanghai", label: "China (Shanghai)", endpoint: "dts.cn-shanghai.aliyuncs.com" },
  { id: "cn-qingdao", label: "China (Qingdao)", endpoint: "dts.cn-qingdao.aliyuncs.com" },
  { id: "cn-beijing", label: "China (Beijing)", endpoint: "dts.cn-beijing.aliyuncs.com" },
  { id: "cn-zhangjiakou", label: "China (Zhangjiakou)", endpoint: "dts.cn-zhangjiakou.aliyuncs.com" },
  { id: "cn-huhehaote", label: "China (Hohhot)", endpoint: "dts.cn-huhehaote.aliyuncs.com" },
  { id: "cn-wulanchabu", label: "China (Ulanqab)", endpoint: "dts.aliyuncs.com" },
  { id: "cn-shenzhen", label: "China (Shenzhen)", endpoint: "dts.cn-shenzhen.aliyuncs.com" },
  { id: "cn-chengdu", label: "China (Chengdu)", endpoint: "dts.aliyuncs.com" },
  { id: "cn-hongkong", label: "China (Hong Kong)", endpoint: "dts.cn-hongkong.aliyuncs.com" },
  { id: "ap-northeast-1", label: "Japan (Tokyo)", endpoint: "dts.ap-northeast-1.aliyuncs.com" },
  { id: "ap-southeast-1", label: "Singapore", endpoint: "dts.ap-southeast-1.aliyuncs.com" },
  { id: "ap-southeast-3", label: "Malaysia (Kuala Lumpur)", endpoint: "dts.ap-southeast-3.aliyuncs.com" },
  { id: "ap-southeast-5", label: "Indonesia (Jakarta)", endpoint: "dts.ap-southeast-5.aliyuncs.com" },
  { id: "us-east-1", label: "US (Virginia)", endpoint: "dts.us-east-1.aliyuncs.com" },
  { id: "us-west-1", label: "US (Silicon Valley)", endpoint: "dts.us-west-1.aliyuncs.com" },
  { id: "eu-west-1", label: "UK (London)", endpoint: "dts.eu-west-1.aliyuncs.com" },
  { id: "eu-central-1", label: "Germany (Frankfurt)", endpoint: "dts.eu-central-1.aliyuncs.com" },
  { id: "me-east-1", label: "UAE (Dubai)", endpoint: "dts.me-east-1.aliyuncs.com" },
  { id: "cn-shanghai-finance-1", label: "China East 2 Finance", endpoint: "dts.cn-shanghai-finance-1.aliyuncs.com" },
  { id: "cn-shenzhen-finance-1", label: "China South 1 Finance", endpoint: "dts.cn-shenzhen-finance-1.aliyuncs.com" },
];

export const REGION_IDS = DTS_REGIONS.map((r) => r.id) as [string, ...string[]];

export function findRegion(id: string): DtsRegion | undefined {
  return DTS_REGIONS.find((r) => r.id === id);
}
