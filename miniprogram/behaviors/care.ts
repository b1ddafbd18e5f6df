/**
 * 关怀模式 on a page: `careStyle` for the page's first node,
 * `<page-meta page-style="{{careStyle}}" />`, and `largeText`, set when the page is created
 * from the resident's choice or WeChat's font size (utils/care.ts).
 */
import { careStyle, textSize } from '../utils/care';

export const care = Behavior({
  data: {
    careStyle: '',
    largeText: false,
  },
  lifetimes: {
    attached() {
      const size = textSize();
      this.setData({ careStyle: careStyle(size), largeText: size === 'large' });
    },
  },
});
