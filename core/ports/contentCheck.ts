/** The ContentCheck port: WeChat's msgSecCheck in the cloud, a word list locally. */
export interface ContentCheck {
  /** true when the text may be stored and shown. `openid` is the author (msgSecCheck needs it). */
  isAcceptable(text: string, openid: string): Promise<boolean>;
}

const DEFAULT_BLOCKED = ['赌博', '博彩', '六合彩', '代开发票', '枪支', '毒品', '色情', '裸聊', '办证刻章'];

/** A local word list: good enough for development and tests, never for production. */
export function wordListContentCheck(words: readonly string[] = DEFAULT_BLOCKED): ContentCheck {
  return {
    async isAcceptable(text) {
      return !words.some((w) => text.includes(w));
    },
  };
}
