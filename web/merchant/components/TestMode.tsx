// The console's test mode (docs/api.md, "Test mode"): a switch that sets the `tasman_mode` cookie
// the server reads for staff sessions, so every call — downloads included — acts in the
// merchant's test world; and the banner that says so on every page while it is on.
import { useTranslation } from 'react-i18next';
import { Notice } from '../../shared/ui';

const COOKIE = 'tasman_mode';

function setMode(mode: 'test' | 'live'): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this plain cookie; the Cookie Store API is not in every browser the console supports
  document.cookie = `${COOKIE}=${mode}; path=/; SameSite=Lax; max-age=${mode === 'test' ? 30 * 86_400 : 0}`;
  // Everything on screen belongs to the other world: start again from the dashboard.
  window.location.assign('/merchant/');
}

export function TestModeSwitch({ testMode }: { testMode: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="test-mode-switch">
      <input
        type="checkbox"
        role="switch"
        aria-checked={testMode}
        checked={testMode}
        onChange={(e) => setMode(e.target.checked ? 'test' : 'live')}
      />{' '}
      {t('test_mode.switch')}
    </label>
  );
}

export function TestModeBanner() {
  const { t } = useTranslation();
  return (
    <Notice tone="warning">
      <strong>{t('test_mode.banner_title')}</strong> {t('test_mode.banner')}
    </Notice>
  );
}
