// Merchant staff sign in with the `staff` realm; brands not yet on the platform apply from here.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StaffSignIn } from '../../shared/StaffSignIn';

export function SignIn() {
  const { t } = useTranslation();
  return <StaffSignIn prefix="mc" footer={<Link to="/apply">{t('sign_in.apply')}</Link>} />;
}
