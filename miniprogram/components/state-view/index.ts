/**
 * A page's loading, error and empty states, the same on every page. `state` is
 * `loading` | `error` | `forbidden` | `empty` | `ready` (shows nothing); an error offers
 * 重新加载, which fires `retry`; `forbidden` (the back end's FORBIDDEN) says why and offers
 * nothing, since trying again would not help.
 */
Component({
  properties: {
    state: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    emptyText: { type: String, value: '暂无内容' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
