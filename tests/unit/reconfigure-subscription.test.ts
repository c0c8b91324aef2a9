// ConfigureSubscription's rules, shared by the form and the route (lib/domain/reconfigure-subscription.ts).
import { describe, expect, it } from "vitest";
import { configureActionOf } from "@/lib/domain/reconfigure";
import { configureSpecOf, subscriptionFieldOf, subscriptionIssues } from "@/lib/domain/reconfigure-subscription";
import { reconfigureRequestSchema } from "@/lib/domain/reconfigure-request";

const valid = {
  DtsJobName: "orders-cdc", SourceEndpointInstanceType: "RDS", SourceEndpointEngineName: "MySQL", SourceEndpointRegion: "cn-hangzhou",
  SourceEndpointInstanceID: "rm-1", SubscriptionInstanceNetworkType: "vpc", SubscriptionInstanceVPCId: "vpc-1", SubscriptionInstanceVSwitchId: "vsw-1",
  DbList: `{"orders":{"name":"orders","all":true}}`, SubscriptionDataTypeDDL: "true", SubscriptionDataTypeDML: "true",
};
const codes = (params: Record<string, string>) => subscriptionIssues(params).map((i) => `${i.name}:${i.code}`);

describe("subscriptionIssues", () => {
  it("accepts what the reference documents", () => {
    expect(subscriptionIssues(valid)).toEqual([]);
  });
  it("requires the VPC and vSwitch, takes vpc only, and ConfigureSubscription's own spellings", () => {
    expect(codes({ ...valid, SubscriptionInstanceVPCId: "" })).toEqual(["SubscriptionInstanceVPCId:required"]);
    expect(codes({ ...valid, SubscriptionInstanceNetworkType: "classic" })).toEqual(["SubscriptionInstanceNetworkType:enum"]);
    expect(codes({ ...valid, SourceEndpointEngineName: "MYSQL" })).toEqual(["SourceEndpointEngineName:enum"]);
    expect(codes({ ...valid, SourceEndpointInstanceType: "OTHER" })).toEqual(["SourceEndpointInstanceType:enum"]);
  });
  it("a self-managed source needs its address, port and engine; the latency alert its threshold", () => {
    expect(codes({ ...valid, SourceEndpointInstanceType: "LocalInstance", SourceEndpointEngineName: "" })).toEqual([
      "SourceEndpointIP:requiredFor", "SourceEndpointPort:requiredFor", "SourceEndpointEngineName:required",
    ]);
    expect(codes({ ...valid, DelayNotice: "true" })).toEqual(["DelayRuleTime:required"]);
  });
  it("DestinationEndpoint* and JobType are not its parameters", () => {
    expect(subscriptionFieldOf("DestinationEndpointInstanceType")).toBeUndefined();
    expect(subscriptionFieldOf("JobType")).toBeUndefined();
    expect(configureSpecOf("ConfigureSubscription").destinationPassword).toBe(false);
    expect(configureSpecOf("ConfigureDtsJob").destinationPassword).toBe(true);
  });
});

describe("the request and the record", () => {
  it("the destination password is optional in the body (the use case requires it for a synchronization task)", () => {
    expect(reconfigureRequestSchema.safeParse({ sourcePassword: "x", overrides: { SubscriptionInstanceVPCId: "vpc-1" } }).success).toBe(true);
    expect(reconfigureRequestSchema.safeParse({ sourcePassword: "x", overrides: { NotAParameter: "1" } }).success).toBe(false);
  });
  it("a record says which API it called", () => {
    expect(configureActionOf({ JobType: "SYNC" })).toBe("ConfigureDtsJob");
    expect(configureActionOf({ SubscriptionInstanceNetworkType: "vpc" })).toBe("ConfigureSubscription");
  });
});
