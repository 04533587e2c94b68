/**
 * Graph lookups behind the permission checks: transitive group membership, the subject's
 * manager, and who a delegated grant belongs to. Each reads Graph at the time of the call,
 * never card data.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { GraphResult } from '../graph/failure';
import { segment } from '../graph/odata';
import type { GraphReader } from '../graph/reader';
import type { GraphWriter } from '../graph/writer';

export class Membership {
  constructor(
    private readonly reader: GraphReader,
    private readonly writer: GraphWriter,
  ) {}

  /** True when the user is a member of the group, directly or through nested groups. */
  async inGroup(userId: string, groupId: string): Promise<GraphResult<boolean>> {
    const answer = await this.writer.post<{ value?: string[] }>(
      `users/${segment(userId)}/checkMemberGroups`,
      { groupIds: [groupId] },
    );
    if (!answer.ok) return answer;
    const ids = (answer.value?.value ?? []).map((id) => id.toLowerCase());
    return { ok: true, value: ids.includes(groupId.toLowerCase()) };
  }

  /** True when `managerId` is the subject's manager; a subject without a manager has none. */
  async isManagerOf(managerId: string, subjectId: string): Promise<GraphResult<boolean>> {
    const answer = await this.reader.get<Graph.DirectoryObject>(
      `users/${segment(subjectId)}/manager`,
    );
    if (!answer.ok) {
      return answer.failure.status === 404 ? { ok: true, value: false } : answer;
    }
    return { ok: true, value: (answer.value.id ?? '').toLowerCase() === managerId.toLowerCase() };
  }

  /** True when the grant is the subject's own consent (consentType Principal for that user). */
  async grantBelongsTo(grantId: string, subjectId: string): Promise<GraphResult<boolean>> {
    const answer = await this.reader.get<Graph.OAuth2PermissionGrant>(
      `oauth2PermissionGrants/${segment(grantId)}`,
    );
    if (!answer.ok) return answer;
    const grant = answer.value;
    const own =
      grant.consentType === 'Principal' &&
      (grant.principalId ?? '').toLowerCase() === subjectId.toLowerCase();
    return { ok: true, value: own };
  }
}
