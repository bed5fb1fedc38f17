/** Bolt's InstallationStore on the bot's Store (Redis when configured), one sealed record per workspace or org. */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { ErrorCode, MsdkBotError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { durableStore } from '../../store/index.js';
import { seal, unseal } from '../../store/seal.js';
import type { Store } from '../../store/store.js';
import { InstallationRecords } from './records.js';

/**
 * An org-wide install (Enterprise Grid) answers for every workspace of the org; any other install
 * for its own workspace. Keys are hash-tagged by the id so a Redis Cluster keeps one record in one slot.
 */
export function installationKey(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `install:org:{${q.enterpriseId}}`;
  if (q.teamId) return `install:team:{${q.teamId}}`;
  throw new MsdkBotError(
    ErrorCode.SlackInstallation,
    'an installation needs a team id, or an enterprise id for an org-wide install',
  );
}

export class SealedInstallationStore implements InstallationStore {
  constructor(
    private readonly records: InstallationRecords,
    private readonly key: Buffer,
  ) {}

  /** On `store` as the bot builds it: Redis (read through a local copy) or memory. */
  static on(
    store: Store,
    key: Buffer,
    logger: Logger,
    o: { now?: () => number; freshMs?: number } = {},
  ): SealedInstallationStore {
    return new SealedInstallationStore(new InstallationRecords(durableStore(store), { logger, ...o }), key);
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const k = installationKey({
      isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
      ...(installation.enterprise?.id && { enterpriseId: installation.enterprise.id }),
      ...(installation.team?.id && { teamId: installation.team.id }),
    });
    await this.records.put(k, seal(this.key, JSON.stringify(installation), k));
  }

  /** Stops retrying writes Redis has not taken yet. */
  close(): void {
    this.records.close();
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = await this.find(query);
    if (!found) throw new MsdkBotError(ErrorCode.SlackInstallation, `no installation for ${describe(query)}`);
    return found;
  }

  /** Uninstalled or revoked: the record is deleted, so no token (and no empty key) stays behind. */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.records.put(installationKey(query), undefined);
  }

  /** The installation answering for `query`: its own workspace's, else its org's. */
  async find(query: InstallationQuery<boolean>): Promise<Installation | undefined> {
    const keys = [];
    if (!query.isEnterpriseInstall && query.teamId) keys.push(installationKey({ teamId: query.teamId }));
    if (query.enterpriseId) keys.push(installationKey({ isEnterpriseInstall: true, enterpriseId: query.enterpriseId }));
    for (const k of keys) {
      const sealed = await this.records.get(k);
      const json = sealed ? unseal(this.key, sealed, k) : undefined;
      if (json) return JSON.parse(json) as Installation;
    }
    return undefined;
  }
}

const describe = (q: InstallationQuery<boolean>) =>
  q.isEnterpriseInstall
    ? `enterprise ${q.enterpriseId}`
    : `team ${q.teamId ?? '?'}${q.enterpriseId ? ` (enterprise ${q.enterpriseId})` : ''}`;
