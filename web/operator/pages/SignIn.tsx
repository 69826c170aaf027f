// Operators sign in with the `staff` realm.
import { StaffSignIn } from '../../shared/StaffSignIn';

export function SignIn() {
  return <StaffSignIn prefix="op" />;
}
