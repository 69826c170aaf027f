/** What a form sends: the API call of one submission. */
export type Send<T> = () => Promise<T>;
