// The operator console: sign-in gate, then the shell with the console's screens.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes } from 'react-router';
import { useSession } from '../shared/app';
import { AppShell, Button, EmptyState, ErrorState, Loading, Notice } from '../shared/ui';
import { AuditLog } from './pages/Audit';
import { Exceptions } from './pages/Exceptions';
import { FxRates } from './pages/Fx';
import { Hub } from './pages/Hub';
import { Jobs } from './pages/Jobs';
import { LaneEdit, LaneView, Logistics, NodeEdit, NodeView } from './pages/Logistics';
import { MerchantDetail } from './pages/MerchantDetail';
import { Merchants } from './pages/Merchants';
import { OrderDetail } from './pages/OrderDetail';
import { Orders } from './pages/Orders';
import { PayoutBatchPage } from './pages/PayoutBatch';
import { Reconciliation } from './pages/Reconciliation';
import { SETTLEMENT_ROLES, Settlement } from './pages/Settlement';
import { SettlementFees } from './pages/SettlementFees';
import { SignIn } from './pages/SignIn';
import './operator.css';

/** Each screen's link, and the roles that see it when not every operator does. */
type NavEntry = readonly [to: string, key: string, roles?: readonly string[]];
const NAV: readonly NavEntry[] = [
  ['/merchants', 'nav.merchants'],
  ['/orders', 'nav.orders'],
  ['/fx', 'nav.fx'],
  ['/settlement', 'nav.settlement', SETTLEMENT_ROLES],
  ['/logistics', 'nav.logistics'],
  ['/hub', 'nav.hub'],
  ['/exceptions', 'nav.exceptions'],
  ['/jobs', 'nav.jobs'],
  ['/audit', 'nav.audit'],
];

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const { me } = session;
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
        <SignIn />
      </AppShell>
    );
  if (me.data.kind !== 'operator')
    return (
      <AppShell brand={brand} extra={<SignOut />}>
        <h1>{t('sign_in.title')}</h1>
        <Notice tone="warning">{t('sign_in.not_operator')}</Notice>
      </AppShell>
    );

  return (
    <AppShell
      brand={brand}
      nav={NAV.filter(([, , roles]) => !roles || roles.includes(me.data?.role ?? '')).map(([to, key]) => (
        <NavLink key={to} to={to}>
          {t(key)}
        </NavLink>
      ))}
      extra={
        <>
          <span className="ui-muted op-role">{t(`role.${me.data.role ?? 'unknown'}`, { defaultValue: me.data.role ?? '' })}</span>
          <SignOut />
        </>
      }
    >
      <Routes>
        <Route path="/" element={<Navigate to="/merchants" replace />} />
        <Route path="/merchants" element={<Merchants />} />
        <Route path="/merchants/:id" element={<MerchantDetail />} />
        <Route path="/orders" element={<Orders />} />
        <Route path="/orders/:id" element={<OrderDetail />} />
        <Route path="/fx" element={<FxRates />} />
        <Route path="/settlement" element={<Settlement />} />
        <Route path="/settlement/fees" element={<SettlementFees />} />
        <Route path="/settlement/reconciliation" element={<Reconciliation />} />
        <Route path="/settlement/batches/:id" element={<PayoutBatchPage />} />
        <Route path="/logistics" element={<Logistics />} />
        <Route path="/logistics/nodes/new" element={<NodeEdit />} />
        <Route path="/logistics/nodes/:id" element={<NodeView />} />
        <Route path="/logistics/nodes/:id/edit" element={<NodeEdit />} />
        <Route path="/logistics/lanes/new" element={<LaneEdit />} />
        <Route path="/logistics/lanes/:id" element={<LaneView />} />
        <Route path="/logistics/lanes/:id/edit" element={<LaneEdit />} />
        <Route path="/hub" element={<Hub />} />
        <Route path="/exceptions" element={<Exceptions />} />
        <Route path="/jobs" element={<Jobs />} />
        <Route path="/audit" element={<AuditLog />} />
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
