// Who is signed in, for the screens: the merchant (its country decides the currency and the
// market) and the staff member's role (owners and managers manage staff and API keys).
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, type Schemas, unwrap } from '../../shared/api/client';

export interface MerchantSession {
  merchantId: string;
  role: string;
}

export const MerchantContext = createContext<MerchantSession>({ merchantId: '', role: 'staff' });

export const useMerchantSession = () => useContext(MerchantContext);

export const isAdmin = (role: string) => role === 'owner' || role === 'manager';

/** The signed-in staff member's merchant. */
export function useMerchant() {
  const { merchantId } = useMerchantSession();
  return useQuery({
    queryKey: ['merchant', merchantId],
    queryFn: () => unwrap(api.GET('/v1/merchants/{id}', { params: { path: { id: merchantId } } })),
    enabled: Boolean(merchantId),
    staleTime: 60_000,
  });
}

/** The currency a merchant prices in: CNY for a seller in China, else its home currency. */
export function merchantCurrency(m: Pick<Schemas['Merchant'], 'country'> | undefined): string {
  if (m?.country === 'CN') return 'CNY';
  if (m?.country === 'NZ') return 'NZD';
  return 'AUD';
}

/** The merchant's products, for naming variants in stock and order screens (first 100). */
export function useProducts() {
  const { merchantId } = useMerchantSession();
  return useQuery({
    queryKey: ['products', merchantId, 'all'],
    queryFn: () => unwrap(api.GET('/v1/products', { params: { query: { limit: 100 } } })),
  });
}
