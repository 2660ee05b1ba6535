import type { CompanionChannel, CompanionMessage } from './companion-channel.js';
import { CoreError } from './core-error.js';
import type { CompanionRelayStore } from './ports.js';

/** Companion channels and mailboxes in process memory (tests, single-process tools); every call is atomic. */
export function createMemoryCompanionRelayStore(): CompanionRelayStore {
  const channels = new Map<string, CompanionChannel>();
  const messages: CompanionMessage[] = [];
  const nextSeq = new Map<string, number>();
  let failures: { ip: string; at: number }[] = [];
  const remove = (keep: (m: CompanionMessage) => boolean) => {
    const kept = messages.filter(keep);
    messages.length = 0;
    messages.push(...kept);
  };
  return {
    async insert(channel) {
      if (channels.has(channel.id)) throw new CoreError('INVALID_ARGUMENT', 'A channel with this id exists.');
      if (
        channel.pairingCode !== null &&
        [...channels.values()].some((c) => c.pairingCode === channel.pairingCode)
      ) {
        throw new CoreError('PAIRING_CODE_TAKEN', 'Another open pairing holds this code.');
      }
      channels.set(channel.id, channel);
    },
    async get(id) {
      return channels.get(id);
    },
    async findByPairingCode(pairingCode) {
      return [...channels.values()].find((c) => c.pairingCode === pairingCode);
    },
    async listByPhoneDevice(deviceId) {
      return [...channels.values()].filter((c) => c.phoneDeviceId === deviceId);
    },
    async update(id, change) {
      const channel = channels.get(id);
      if (channel === undefined) throw new CoreError('CHANNEL_NOT_FOUND', 'There is no such channel.');
      const changed = change(channel);
      if (changed === undefined) return channel;
      const saved = { ...changed, id, version: channel.version + 1 };
      channels.set(id, saved);
      return saved;
    },
    async appendMessage(input, admit) {
      const channel = channels.get(input.channelId);
      if (channel === undefined) throw new CoreError('CHANNEL_NOT_FOUND', 'There is no such channel.');
      admit(
        channel,
        messages.filter((m) => m.channelId === input.channelId && m.recipient === input.recipient).length,
      );
      const key = `${input.channelId}/${input.recipient}`;
      const seq = (nextSeq.get(key) ?? 0) + 1;
      nextSeq.set(key, seq);
      messages.push({ ...input, seq });
      return seq;
    },
    async listMessages(channelId, recipient, after, limit) {
      return messages
        .filter((m) => m.channelId === channelId && m.recipient === recipient && m.seq > after)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, limit);
    },
    async deleteMessages(channelId, recipient, upTo) {
      remove((m) => !(m.channelId === channelId && m.recipient === recipient && m.seq <= upTo));
    },
    async recordClaimFailure(ip, at) {
      failures.push({ ip, at });
    },
    async countClaimFailures(ip, since) {
      const recent = failures.filter((f) => f.at >= since);
      return { fromIp: recent.filter((f) => f.ip === ip).length, total: recent.length };
    },
    async purge(limits) {
      for (const [id, c] of channels) {
        const stalePairing = c.confirmedAt === null && c.expiresAt < limits.pairingsBefore;
        const oldTombstone = c.unpairedAt !== null && c.unpairedAt < limits.tombstonesBefore;
        if (stalePairing || oldTombstone) {
          channels.delete(id);
          remove((m) => m.channelId !== id);
        }
      }
      remove((m) => m.createdAt >= limits.messagesBefore);
      failures = failures.filter((f) => f.at >= limits.failuresBefore);
    },
  };
}
