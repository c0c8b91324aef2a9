// How Alibaba's generated DTS SDK (@alicloud/dts20200101) calls an action through the official
// client (@alicloud/openapi-core): RPC style, form body, JSON answer, API version 2020-01-01. The
// simulator tests, the signing tests and the benchmark all sign requests of this shape.
// lib/dts/transport.ts `paramsFor` builds the same for the console; it is alike on purpose, since
// lib/dts is server-only and cannot be imported by these scripts.
import { $OpenApiUtil } from "@alicloud/openapi-core";

export function dtsSdkParams(action: string, version = "2020-01-01"): $OpenApiUtil.Params {
  return new $OpenApiUtil.Params({
    action,
    version,
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
}
