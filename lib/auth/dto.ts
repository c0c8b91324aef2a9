import "server-only";
// The admin API's answers: the store's records as the API shapes of lib/domain/accounts.ts, so the
// page depends on the API contract, not on the repositories (as lib/reset/dto.ts does for resets).
import type { ApiTokenView, AuthEventView, UserView } from "@/lib/domain/users";
import type { ApiToken } from "./store/api-tokens";
import type { AuthEvent } from "./store/auth-events";
import type { User } from "./store/users";

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    simulatorOnly: user.simulatorOnly,
    disabledAt: user.disabledAt,
    createdAt: user.createdAt,
    createdBy: user.createdBy,
    updatedAt: user.updatedAt,
    passwordChangedAt: user.passwordChangedAt,
    lastSignInAt: user.lastSignInAt,
    source: user.source,
    displayName: user.displayName,
    email: user.email,
    groups: user.groups,
  };
}

export function toApiTokenView(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    simulatorOnly: token.simulatorOnly,
    createdAt: token.createdAt,
    createdBy: token.createdBy,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    revokedBy: token.revokedBy,
  };
}

export function toAuthEventView(event: AuthEvent): AuthEventView {
  return {
    id: event.id,
    at: event.at,
    type: event.type,
    actorUsername: event.actorUsername,
    actorRole: event.actorRole,
    via: event.via,
    subjectUsername: event.subjectUsername,
    subjectTokenId: event.subjectTokenId,
    clientAddress: event.clientAddress,
    userAgent: event.userAgent,
    detail: event.detail,
  };
}
