// The storefront: shoppers in China (zh-CN by default) and in Australia / New Zealand. Browsing
// pages load at once; checkout, wallet, orders and the identity page are split off (React.lazy).
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../shared/api/client';
import { useSession } from '../shared/app';
import { AppShell as Shell, Button, EmptyState, Loading } from '../shared/ui';
import { cartKey, useShopper } from './lib';
import { CartPage } from './pages/Cart';
import { Home } from './pages/Home';
import { ProductPage } from './pages/Product';
import { SearchPage } from './pages/Search';
import { SignIn, SignUp } from './pages/Sign';
import './storefront.css';

const CheckoutPage = lazy(() => import('./pages/Checkout'));
const WalletPage = lazy(() => import('./pages/Wallet'));
const OrdersPage = lazy(() => import('./pages/Orders'));
const OrderPage = lazy(() => import('./pages/Order'));
const IdentityPage = lazy(() => import('./pages/Identity'));
const TrackPage = lazy(() => import('./pages/Track'));
const PayCodePage = lazy(() => import('./pages/PayCode'));
const PayCodeSettingsPage = lazy(() => import('./pages/PayCodeSettings'));
const ScanPayPage = lazy(() => import('./pages/ScanPay'));
const InstorePaymentsPage = lazy(() => import('./pages/InstorePayments'));
const InstorePaymentPage = lazy(() => import('./pages/InstorePayment'));

function CartLink() {
  const { t } = useTranslation();
  const { signedIn } = useShopper();
  const cart = useQuery({ queryKey: cartKey, queryFn: () => unwrap(api.GET('/v1/cart')), enabled: signedIn });
  const count = cart.data?.groups.reduce((n, g) => n + g.lines.reduce((m, l) => m + l.quantity, 0), 0) ?? 0;
  return <NavLink to="/cart">{count > 0 ? t('nav.cart_count', { count }) : t('nav.cart')}</NavLink>;
}

function Account() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const { me, signedIn } = useShopper();
  const navigate = useNavigate();
  if (me.isPending) return null;
  if (!signedIn)
    return (
      <Link className="sf-account" to="/sign-in">
        {t('common:sign_in')}
      </Link>
    );
  return (
    <Button
      variant="ghost"
      className="sf-signout"
      onClick={() => {
        void signOut().then(() => navigate('/'));
      }}
    >
      {t('common:sign_out')}
    </Button>
  );
}

/** Each route change: back to the top and the document title in the reader's language. */
function PageEffects() {
  const { pathname } = useLocation();
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each route change
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the title follows the language
  useEffect(() => {
    document.title = t('document_title');
  }, [t, i18n.language]);
  return null;
}

export function App() {
  const { t } = useTranslation();
  return (
    <Shell
      brand={<Link to="/">{t('brand')}</Link>}
      nav={
        <>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/search">{t('nav.search')}</NavLink>
          <CartLink />
          <NavLink to="/orders">{t('nav.orders')}</NavLink>
          <NavLink to="/wallet">{t('nav.wallet')}</NavLink>
          <NavLink to="/track">{t('nav.track')}</NavLink>
        </>
      }
      extra={<Account />}
    >
      <PageEffects />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/products/:id" element={<ProductPage />} />
          <Route path="/cart" element={<CartPage />} />
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/sign-up" element={<SignUp />} />
          <Route path="/checkout" element={<CheckoutPage />} />
          <Route path="/checkout/:id" element={<CheckoutPage />} />
          <Route path="/wallet" element={<WalletPage />} />
          <Route path="/wallet/pay-code" element={<PayCodePage />} />
          <Route path="/wallet/pay-code/settings" element={<PayCodeSettingsPage />} />
          <Route path="/wallet/scan" element={<ScanPayPage />} />
          <Route path="/wallet/instore" element={<InstorePaymentsPage />} />
          <Route path="/wallet/instore/:id" element={<InstorePaymentPage />} />
          <Route path="/orders" element={<OrdersPage />} />
          <Route path="/orders/:id" element={<OrderPage />} />
          <Route path="/account/identity" element={<IdentityPage />} />
          <Route path="/track" element={<TrackPage />} />
          <Route path="/track/:number" element={<TrackPage />} />
          <Route
            path="*"
            element={
              <>
                <h1>{t('common:not_found')}</h1>
                <EmptyState title={t('common:not_found')}>
                  <Link to="/">{t('nav.home')}</Link>
                </EmptyState>
              </>
            }
          />
        </Routes>
      </Suspense>
    </Shell>
  );
}
