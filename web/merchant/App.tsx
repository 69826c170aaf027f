// The merchant console: sign-in gate (and the public application form), then the shell with the
// console's screens. The dashboard is its own chunk: ECharts loads only there.
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes } from 'react-router';
import { useSession } from '../shared/app';
import { AppShell, Button, EmptyState, ErrorState, Loading, Notice } from '../shared/ui';
import { MerchantContext } from './components/merchant';
import { TestModeBanner, TestModeSwitch } from './components/TestMode';
import { Apply } from './pages/Apply';
import { DataImport } from './pages/DataImport';
import { ApplicationStatus } from './pages/ApplicationStatus';
import { Billing } from './pages/Billing';
import { Inventory } from './pages/Inventory';
import { OrderDetail } from './pages/OrderDetail';
import { Orders } from './pages/Orders';
import { InstorePaymentDetail } from './pages/InstorePaymentDetail';
import { InstorePayments } from './pages/InstorePayments';
import { Payouts } from './pages/Payouts';
import { ProductEditor } from './pages/ProductEditor';
import { Products } from './pages/Products';
import { SignIn } from './pages/SignIn';
import { StoreDetail } from './pages/StoreDetail';
import { Stores } from './pages/Stores';
import { Team } from './pages/Team';
import { TillReport } from './pages/TillReport';
import { WebhookDelivery } from './pages/WebhookDelivery';
import { WebhookEndpoint } from './pages/WebhookEndpoint';
import { WebhookNew, Webhooks } from './pages/Webhooks';
import './merchant.css';

const Dashboard = lazy(() => import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));
const Analytics = lazy(() => import('./dashboard/Analytics').then((m) => ({ default: m.Analytics })));

const NAV = [
  ['/', 'nav.dashboard'],
  ['/analytics', 'nav.analytics'],
  ['/products', 'nav.products'],
  ['/inventory', 'nav.inventory'],
  ['/imports', 'nav.imports'],
  ['/orders', 'nav.orders'],
  ['/payouts', 'nav.payouts'],
  ['/billing', 'nav.billing'],
  ['/stores', 'nav.stores'],
  ['/team', 'nav.team'],
  ['/webhooks', 'nav.webhooks'],
  ['/application', 'nav.application'],
] as const;

export function App() {
  const { t } = useTranslation();
  const { me } = useSession();
  const brand = <Link to="/">{t('title')}</Link>;

  if (me.isPending)
    return (
      <AppShell brand={brand}>
        <Loading />
      </AppShell>
    );
  if (me.isError)
    return (
      <AppShell brand={brand}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </AppShell>
    );
  if (!me.data)
    return (
      <AppShell brand={brand}>
        <Routes>
          <Route path="/apply" element={<Apply />} />
          <Route path="*" element={<SignIn />} />
        </Routes>
      </AppShell>
    );
  if (me.data.kind !== 'merchant' || !me.data.merchant_id)
    return (
      <AppShell brand={brand} extra={<SignOut />}>
        <h1>{t('sign_in.title')}</h1>
        <Notice tone="warning">{t('sign_in.not_merchant')}</Notice>
      </AppShell>
    );

  const role = me.data.role ?? 'staff';
  // In test mode the session acts as the merchant's test twin and /v1/me names the live merchant.
  const testMode = Boolean(me.data.live_merchant_id);
  return (
    <MerchantContext.Provider value={{ merchantId: me.data.merchant_id, role }}>
      <AppShell
        brand={brand}
        nav={NAV.map(([to, key]) => (
          <NavLink key={to} to={to} end={to === '/'}>
            {t(key)}
          </NavLink>
        ))}
        extra={
          <>
            <TestModeSwitch testMode={testMode} />
            <span className="ui-muted">{t(`role.${role}`, { defaultValue: role })}</span>
            <SignOut />
          </>
        }
      >
        {testMode ? <TestModeBanner /> : null}
        <Routes>
          <Route
            path="/"
            element={
              <Suspense fallback={<Loading />}>
                <Dashboard />
              </Suspense>
            }
          />
          <Route
            path="/analytics"
            element={
              <Suspense fallback={<Loading />}>
                <Analytics />
              </Suspense>
            }
          />
          <Route path="/products" element={<Products />} />
          <Route path="/products/new" element={<ProductEditor />} />
          <Route path="/products/:id" element={<ProductEditor />} />
          <Route path="/inventory" element={<Inventory />} />
          <Route path="/imports" element={<DataImport />} />
          <Route path="/orders" element={<Orders />} />
          <Route path="/orders/:id" element={<OrderDetail />} />
          <Route path="/payouts" element={<Payouts />} />
          <Route path="/billing" element={<Billing />} />
          <Route path="/stores" element={<Stores />} />
          <Route path="/stores/payments" element={<InstorePayments />} />
          <Route path="/stores/payments/:id" element={<InstorePaymentDetail />} />
          <Route path="/stores/report" element={<TillReport />} />
          <Route path="/stores/:id" element={<StoreDetail />} />
          <Route path="/team" element={<Team />} />
          <Route path="/webhooks" element={<Webhooks />} />
          <Route path="/webhooks/new" element={<WebhookNew />} />
          <Route path="/webhooks/:id" element={<WebhookEndpoint />} />
          <Route path="/webhooks/:id/deliveries/:deliveryId" element={<WebhookDelivery />} />
          <Route path="/application" element={<ApplicationStatus />} />
          <Route path="/apply" element={<Navigate to="/application" replace />} />
          <Route
            path="*"
            element={
              <>
                <h1>{t('common:not_found')}</h1>
                <EmptyState title={t('common:not_found')}>
                  <Link to="/">{t('back_home')}</Link>
                </EmptyState>
              </>
            }
          />
        </Routes>
      </AppShell>
    </MerchantContext.Provider>
  );
}

function SignOut() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="ghost"
      busy={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await signOut();
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('common:sign_out')}
    </Button>
  );
}
