// The contract between the simulator's HTTP layer and its signature verifier.

/** A request exactly as the simulator's HTTP server received it. */
export interface IncomingSignedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path without the query, e.g. "/". */
  path: string;
  /** The query string as received on the wire, without the leading "?" ("" when none). */
  rawQuery: string;
  /** Header values by lower-case name (multi-valued headers joined with ", "). */
  headers: Record<string, string | undefined>;
  /** The raw request body ("" bytes when none). */
  body: Buffer;
}

/** A key pair the simulator accepts; STS keys carry their token and may expire. */
export interface AccessKeyRecord {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Expiry in ms since the epoch (STS only). */
  expiresAt?: number;
}

/** Remembers nonces per AccessKeyId for at least the timestamp window. */
export interface NonceStore {
  /** Returns false when (accessKeyId, nonce) was seen before; otherwise records it and returns true. */
  claim(accessKeyId: string, nonce: string, nowMs: number): boolean;
}

export interface VerifyOptions {
  lookupKey(accessKeyId: string): AccessKeyRecord | undefined;
  nowMs(): number;
  /** Allowed clock difference either way, in seconds (Alibaba: 15 minutes). */
  timestampWindowSeconds: number;
  nonceStore: NonceStore;
}

export type SignatureScheme = "V1" | "V3";

export type VerifyResult =
  | {
      ok: true;
      scheme: SignatureScheme;
      accessKeyId: string;
      /** From `x-acs-action` (V3) or the `Action` parameter (V1). */
      action: string;
      /** From `x-acs-version` (V3) or the `Version` parameter (V1). */
      version: string;
      /**
       * Every request parameter, decoded: query ∪ form body. For V1 the signing parameters
       * (Signature, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, AccessKeyId,
       * SecurityToken, Format, Action, Version) are removed, leaving the operation's own.
       */
      params: Record<string, string>;
    }
  | {
      ok: false;
      scheme: SignatureScheme | "none";
      /** Alibaba's HTTP status for this error. */
      httpStatus: number;
      /** Alibaba's error code, e.g. "SignatureDoesNotMatch". */
      code: string;
      /** Alibaba's message text for the code. */
      message: string;
      action?: string;
      accessKeyId?: string;
    };
