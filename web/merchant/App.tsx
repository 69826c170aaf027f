import { useTranslation } from 'react-i18next';
import { AppShell } from '../shared/ui';

export function App() {
  const { t } = useTranslation();
  return (
    <AppShell brand={t('title')}>
      <h1>{t('title')}</h1>
    </AppShell>
  );
}
