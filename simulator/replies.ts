// The reply shapes DTS uses: JSON success bodies, the POP gateway error body, and the DTS
// business-error body (at HTTP 4xx or at HTTP 200), each with a RequestId in body and header.

import { randomUUID } from "node:crypto";
import { substituted, type DtsError } from "./errors";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Serialized body. */
  body: string;
}

export type BusinessErrorStyle = "gateway" | "dts" | "dts200";
export const BUSINESS_ERROR_STYLES: readonly BusinessErrorStyle[] = ["gateway", "dts", "dts200"];

/** Alibaba's request IDs are upper-case UUIDs. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** What a reply needs to know about the request it answers. */
export interface ReplyContext {
  requestId: string;
  /** The host the client called, without port (the gateway's HostId). */
  hostId: string;
  /** The product in the Recommend link; default "Dts" (STS calls say "Sts"). */
  product?: string;
}

export const DEFAULT_HOST_ID = "dts.aliyuncs.com";

/** The Host header without its port; `dts.aliyuncs.com` when there is none. */
export function hostIdOf(hostHeader: string | undefined): string {
  const host = hostHeader?.trim();
  if (!host) return DEFAULT_HOST_ID;
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1) || host;
  const colon = host.lastIndexOf(":");
  return colon > 0 ? host.slice(0, colon) : host;
}

const JSON_CONTENT_TYPE = "application/json;charset=utf-8";

export function jsonReply(status: number, body: object, requestId: string, extraHeaders: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": JSON_CONTENT_TYPE, "x-acs-request-id": requestId, ...extraHeaders },
    body: JSON.stringify(body),
  };
}

/** A successful DTS reply: the envelope DTS puts around every action's fields. */
export function successReply(context: ReplyContext, fields: object): Reply {
  return jsonReply(200, { RequestId: context.requestId, HttpStatusCode: 200, Success: true, ...fields }, context.requestId);
}

export function recommendUrl(code: string, requestId: string, product = "Dts"): string {
  return `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${product}&requestId=${requestId}`;
}

/** The POP gateway body `{RequestId, HostId, Code, Message, Recommend}` at the error's HTTP status. */
export function gatewayErrorReply(error: DtsError, context: ReplyContext, extraHeaders: Record<string, string> = {}): Reply {
  const body = {
    RequestId: context.requestId,
    HostId: context.hostId,
    Code: error.code,
    Message: substituted(error),
    Recommend: recommendUrl(error.code, context.requestId, context.product),
  };
  return jsonReply(error.httpStatus, body, context.requestId, extraHeaders);
}

/** DTS's own error body; `HttpStatusCode` always carries the error's nominal status. */
export function dtsErrorBody(error: DtsError, requestId: string): Record<string, unknown> {
  return {
    RequestId: requestId,
    Success: false,
    ErrCode: error.code,
    ErrMessage: error.message,
    DynamicMessage: error.dynamicMessage ?? "",
    // Documented as "will be removed"; its one documented example is "403", i.e. the status.
    DynamicCode: String(error.httpStatus),
    HttpStatusCode: error.httpStatus,
  };
}

/** A business error (bad parameter, unknown task, refused reset) in the configured style. */
export function businessErrorReply(error: DtsError, style: BusinessErrorStyle, context: ReplyContext): Reply {
  if (style === "gateway") return gatewayErrorReply(error, context);
  const status = style === "dts200" ? 200 : error.httpStatus;
  return jsonReply(status, dtsErrorBody(error, context.requestId), context.requestId);
}
