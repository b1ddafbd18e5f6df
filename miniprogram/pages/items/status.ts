/** How an item's status looks: the colour of its tag. The label comes from the back end (`statusLabel`). */
const THEMES: Record<string, string> = {
  submitted: 'default',
  accepted: 'primary',
  in_progress: 'warning',
  answered: 'success',
  resolved: 'success',
  closed: 'default',
  rejected: 'danger',
};

export const statusTheme = (status: string): string => THEMES[status] ?? 'default';
