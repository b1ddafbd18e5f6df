/** The Notifier port: WeChat subscribe messages in the cloud; a log locally and in tests. */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
}

/** A send that failed: `retryable` says whether trying again later may help. */
export class NotifierError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'NotifierError';
  }
}

export interface Notifier {
  /** Sends one message or throws NotifierError. */
  send(msg: SubscribeMessage): Promise<void>;
}

/** Locally: remembers what would have been sent (the outbox rows show it too). */
export function logNotifier(): Notifier & { sent: SubscribeMessage[] } {
  const sent: SubscribeMessage[] = [];
  return {
    sent,
    async send(msg) {
      sent.push(msg);
    },
  };
}
