import type { Config } from './config';
import type { Clock } from './ports/clock';
import type { Codes } from './ports/codes';
import type { ContentCheck } from './ports/contentCheck';
import type { FileStore } from './ports/files';
import type { Notifier } from './ports/notifier';
import type { Store } from './ports/store';

/** The ports and settings every use case receives: swapped whole between cloud and local. */
export interface Deps {
  store: Store;
  clock: Clock;
  contentCheck: ContentCheck;
  notifier: Notifier;
  files: FileStore;
  /** 小程序码 in the cloud, QR codes locally: the codes printed on notices. */
  codes: Codes;
  config: Config;
}
