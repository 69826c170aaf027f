// Generated from the server's OpenAPI document by `npm run sdk:generate`. Do not edit:
// change the route schemas and regenerate (a test fails while this file is out of date).
export interface paths {
    "/v1/acquirers/{name}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acquirer webhooks
         * @description Signed by the acquirer (`Acquirer-Signature: t=…,v1=…`, HMAC-SHA256 of `t.body`, at most 5 minutes old). Delivered twice, applied once.
         *
         *     Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applied: boolean;
                            /** @enum {boolean} */
                            received: true;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Who may call: merchant staff (owner, manager); merchant API keys with scope `api_keys:read`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `api_keys:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApiKey"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key
         * @description The secret key is in the response once and never again: it is stored only as a hash.
         *
         *     Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default test
                         * @enum {string}
                         */
                        mode?: "test" | "live";
                        name: string;
                        /**
                         * @description `*` for full access, or resource scopes such as `staff:read`; `x:write` implies `x:read`
                         * @default [
                         *       "*"
                         *     ]
                         */
                        scopes?: ("*" | "merchant:read" | "staff:read" | "api_keys:read" | "audit:read" | "events:read" | "products:read" | "products:write" | "inventory:read" | "inventory:write" | "payments:read" | "payments:write" | "orders:read" | "orders:write" | "shipments:read" | "shipments:write" | "instore:read" | "webhooks:read" | "webhooks:write")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            id: string;
                            last_used_at: string | null;
                            /** @description The merchant the key acts as: for a test key, the merchant’s test twin (docs/api.md, "Test mode") */
                            merchant_id: string;
                            /** @enum {string} */
                            mode: "test" | "live";
                            name: string;
                            /** @enum {string} */
                            object: "api_key";
                            /** @description The key with all but its prefix and last four characters hidden */
                            redacted_key: string;
                            revoked_at: string | null;
                            scopes: string[];
                            /** @description The key itself, shown only now */
                            secret: string;
                            /** @description A POS key’s till (in-store payments); null for other keys */
                            till_id: string | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an API key
         * @description Who may call: merchant staff (owner, manager); merchant API keys with scope `api_keys:read`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `api_keys:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an API key
         * @description Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the audit log
         * @description Operators search the whole log; merchants see the events on their own objects.
         *
         *     Who may call: operator staff (admin, support, finance, operations); merchant staff (owner, manager); merchant API keys with scope `audit:read`.
         *
         *     Who may call: operator staff (admin, support, finance, operations); merchant staff (owner, manager); merchant API keys with scope `audit:read`.
         */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor_id?: string;
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    object_id?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuditEvent"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List bags
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    origin?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "open" | "closed" | "departed" | "arrived";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Bag"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Open a bag at a hub
         * @description Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        destination_country: "CN" | "AU" | "NZ";
                        origin_node_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Bag"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A bag and its parcels
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Bag"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bags/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Seal a bag
         * @description Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Bag"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bags/{id}/parcels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Scan a parcel into a bag
         * @description The parcel must have been received at the bag’s hub and go to the bag’s country; the bag must be open. Twice: `repeated: true`.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tracking_number: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bag: components["schemas"]["Bag"];
                            /** @enum {string} */
                            object: "scan";
                            parcel: components["schemas"]["Parcel"];
                            /** @description The parcel was already there: nothing changed */
                            repeated: boolean;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A merchant’s balance
         * @description What the merchant is owed, per currency: released sales in the currency shoppers paid (CNY) until payout day converts them at the settlement rate, and the settlement currency. Operators name the merchant.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         */
        get: {
            parameters: {
                query?: {
                    merchant_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                amount: string;
                                currency: string;
                            }[];
                            merchant_id: string;
                            minimum_payout: {
                                amount: string;
                                currency: string;
                            };
                            next_payout_date: string | null;
                            /** @enum {string} */
                            object: "balance";
                            on_hold: {
                                reason: string;
                                since: string;
                            } | null;
                            recent_conversions: components["schemas"]["SettlementConversion"][];
                            settlement_currency: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/carriers/{name}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Last-mile carrier events
         * @description Signed by the carrier (`Carrier-Signature: t=…,v1=…`, HMAC-SHA256 of `t.body` with the carrier’s secret, at most 5 minutes old). Body `{ "events": [ { id, tracking_number, milestone, occurred_at, location?, description? } ] }`, 1–500 events; milestones out_for_delivery, delivered, delivery_failed, returned_to_sender, exception. Each event is stored once by its id (redeliveries change nothing); an event older than the parcel’s latest is kept in the timeline but does not move the parcel back. Tracking numbers the platform does not know come back in `unknown`.
         *
         *     Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applied: number;
                            duplicates: number;
                            received: number;
                            unknown: string[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your cart
         * @description Lines grouped by merchant, priced in your currency at the current FX rate exactly as a payment would charge them, with the stock available and the tax itemised per line (China CBEC import tax, or AU/NZ GST at sale; the shipping’s share is added at checkout). Lines that cannot be bought now carry an `issue`.
         *
         *     Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Empty your cart
         * @description Who may call: shoppers.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cart/lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the quantity of an item in your cart
         * @description Sets (not adds to) the quantity, 1–99; 0 takes the item out. Only listed products can go in (404 otherwise).
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        quantity: number;
                        variant_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cart/lines/{variant_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Take an item out of your cart
         * @description Who may call: shoppers.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    variant_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cbec/reference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CBEC reference data
         * @description The positive list of tariff lines the platform checks listings against (with its source), the tax classes and customs units.
         *
         *     Public: no credentials needed.
         *
         *     Public: no credentials needed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customs_units: {
                                code: string;
                                name: string;
                            }[];
                            positive_list: {
                                lines: {
                                    description_en: string;
                                    description_zh: string;
                                    tariff_line: string;
                                }[];
                                scope: string;
                                source: string;
                                source_url: string;
                                title: string;
                            };
                            tax_classes: {
                                code: string;
                                consumption_tax_bps: number;
                                description: string;
                                vat_bps: number;
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a checkout from your cart
         * @description Needs a verified identity (`identity_required`) and a cart that can be bought (`409 cart_not_purchasable` with the `issues`). Reserves the stock — from a China bonded warehouse when one holds enough (1210), else from the merchant’s warehouse (9610) — splits the cart into one order per merchant per origin, picks the cheapest shipping option for each, and prices the landed cost in CNY at FX quotes locked now: goods, shipping and China CBEC tax (70 % of VAT and consumption tax; refused over RMB 5,000 per order or past your RMB 26,000 for the year: `order_limit_exceeded`, `annual_quota_exceeded`). Holds for 10 minutes. Shoppers in Australia and New Zealand (buying from sellers in China) give an Australian or New Zealand address, need no identity, and pay in AUD/NZD: goods and shipping from the seller’s warehouse through a China export hub, plus GST at sale (10 % / 15 % on items of customs value up to 1,000; above, or alcohol and tobacco, it is paid at the border).
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: {
                            /** @description China: the city; Australia: the suburb or town; New Zealand: the town or city */
                            city: string;
                            /** @description China: the district (required); New Zealand: the suburb */
                            district?: string;
                            mobile: string;
                            /** @description China: 6 digits (optional); Australia and New Zealand: 4 digits (required) */
                            postal_code?: string;
                            recipient: string;
                            /** @description China: the province, ISO 3166-2 (e.g. CN-ZJ); Australia: the state (e.g. AU-VIC); New Zealand: NZ */
                            region: string;
                            street: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Checkout"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A checkout of yours
         * @description Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Checkout"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkouts/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give up a checkout
         * @description Its stock goes back at once (an open checkout also expires by itself).
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Checkout"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkouts/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a checkout from your wallet
         * @description One payment for all the checkout’s orders, at its locked FX quotes: creates the orders (one per merchant per origin) and their payment intents, moves the money from your wallet into escrow, takes your annual CBEC quota and keeps the stock for the orders — all or nothing. `402 insufficient_funds` (with `required`, `available`) when your wallet is short; `annual_quota_exceeded` if another checkout used your quota meanwhile; `checkout_expired` after its time. The bought items leave your cart. Send an `Idempotency-Key`.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkout: string;
                            /** @enum {string} */
                            object: "checkout_payment";
                            orders: components["schemas"]["Order"][];
                            status: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkouts/{id}/shipping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose a shipping option for one order of a checkout
         * @description `order` is the order’s index in `orders`, `service_code` one of its `shipping.options`. The freight is part of the dutiable price, so the order’s tax, the totals and the quota use are computed again (at the checkout’s locked rates).
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        order: number;
                        service_code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Checkout"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customs/declarations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customs declarations
         * @description One per order bound for China. `status=held` (three-document mismatch), `inspection` and `rejected` are the operators’ exception queue. Merchants see their own.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    order?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "held" | "ready" | "submitted" | "accepted" | "inspection" | "released" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CustomsDeclaration"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customs/declarations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customs declaration
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomsDeclaration"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customs/declarations/{id}/messages/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One declaration message as sent (XML)
         * @description CEB311 order, CEB411 payment, CEB511 waybill or CEB621 inventory list, in the China e-port format. Operators only: they carry the buyer’s ID number.
         *
         *     Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    kind: "CEB311" | "CEB411" | "CEB511" | "CEB621";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customs/declarations/{id}/recheck": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a held declaration again
         * @description After the order’s data was put right: the documents are rebuilt and matched; a match makes it ready (and submits it if its parcels reached customs).
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomsDeclaration"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description Facts about your objects, newest first. Types: `inventory.low_stock` (A stock level’s available units fell to or below its low-stock threshold); `top_up.succeeded` (A shopper’s wallet top-up was confirmed by the acquirer and credited); `payment_intent.created` (A payment intent was created for an order); `payment_intent.canceled` (An unpaid payment intent was cancelled); `payment.succeeded` (The buyer paid an order from their wallet; the money is held in escrow); `escrow.released` (Escrow for a paid order was released: the goods to the merchant’s balance, less commission and the payment fee); `payout.sent` (A payout to the merchant’s bank account was sent to the bank in a payout batch); `payout.paid` (The bank confirmed a payout to the merchant’s bank account); `payout.failed` (The bank returned a payout; its money is back on the merchant’s balance); `refund.succeeded` (Money of a paid order went back to the buyer’s wallet); `order.paid` (A checkout was paid: the order was created, its stock kept and the buyer’s quota taken); `order.fulfilling` (The merchant started preparing an order); `order.shipped` (An order left its origin); `order.delivered` (An order was delivered to the buyer); `order.completed` (The buyer confirmed receipt, or the escrow period after delivery ran out); `order.cancelled` (An order was cancelled before shipment: refunded in full, stock and quota given back); `order.refunded` (An order was refunded in full by the merchant or an operator); `order.return_requested` (The buyer asked to return goods of a delivered order); `order.return_approved` (The merchant agreed to take the goods back); `order.return_rejected` (The merchant refused a return); `order.returned` (The merchant received returned goods; the buyer was refunded for them); `shipment.created` (Parcels were booked for an order: each has a tracking number and a label); `parcel.updated` (A parcel reached a new milestone (a hub scan, a customs receipt or a carrier event)); `customs.held` (An order’s China customs declaration is held: a three-document mismatch, or an inspection); `customs.released` (China customs released an order’s goods); `customs.rejected` (China customs rejected an order’s declaration; the order was refunded); `instore_payment.succeeded` (A shopper paid at a till (merchant-presented QR or shopper-presented code); the sale is on the merchant’s balance); `instore_refund.succeeded` (A till refunded an in-store payment, in full or in part, to the shopper’s wallet); `webhook_endpoint.disabled` (A webhook endpoint was disabled by the platform because every delivery to it failed for WEBHOOK_DISABLE_AFTER_DAYS days).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `events:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `events:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description Operators only */
                    merchant_id?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Event"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an event
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `events:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `events:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Event"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay an event
         * @description Delivers the event again to every enabled endpoint that takes its type, or to `endpoint_id` only.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookDelivery"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/orders.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export orders as CSV
         * @description One row per order line, newest order first.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    created_from?: string;
                    created_to?: string;
                    state?: "pending_payment" | "paid" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded" | "return_requested" | "returned";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/products.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export products and variants as CSV
         * @description The import’s columns, one row per variant, `stock:<location id>` per warehouse: the file re-imports as it is.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/stock.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export stock levels as CSV
         * @description One row per variant and location.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fx/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lock a rate
         * @description Locks the customer rate for base → quote for `minutes` (default 10). A payment that uses it after that is refused with `quote_expired`. With `amount` (minor units of base), the response also gives the converted amount (half-up to the minor unit).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys (any scope); shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount?: string;
                        /** @enum {string} */
                        base: "CNY" | "AUD" | "NZD" | "USD";
                        minutes?: number;
                        /** @enum {string} */
                        quote: "CNY" | "AUD" | "NZD" | "USD";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            base: string;
                            converted: {
                                from: {
                                    amount: string;
                                    currency: string;
                                };
                                to: {
                                    amount: string;
                                    currency: string;
                                };
                            } | null;
                            created_at: string;
                            expires_at: string;
                            id: string;
                            mid: string;
                            /** @enum {string} */
                            object: "fx_quote";
                            quote: string;
                            /** @description The locked customer rate: mid less the spread, rounded down at 10 decimals */
                            rate: string;
                            spread_bps: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fx/quotes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a quote
         * @description Only its requester (or an operator).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys (any scope); shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys (any scope); shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FxQuote"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fx/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rates in force
         * @description For every pair of CNY, AUD, NZD and USD that has a rate (directly, or as the inverse of the other direction).
         *
         *     Public: no credentials needed.
         *
         *     Public: no credentials needed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                base: string;
                                effective_at: string;
                                mid: string;
                                quote: string;
                                source: string;
                                spread_bps: number;
                            }[];
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Set a rate
         * @description A new mid rate and spread for a pair, in force from `effective_at` (default now). Earlier rates stay in the history.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        base: "CNY" | "AUD" | "NZD" | "USD";
                        /** Format: date-time */
                        effective_at?: string;
                        mid: string;
                        /** @enum {string} */
                        quote: "CNY" | "AUD" | "NZD" | "USD";
                        spread_bps: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FxRate"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fx/rates/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rate history
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    base?: "CNY" | "AUD" | "NZD" | "USD";
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    quote?: "CNY" | "AUD" | "NZD" | "USD";
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["FxRate"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fx/rates/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import published reference rates
         * @description The content of a CSV (`date,pair,rate`) or JSON (`{"date", "rates": {"AUD/CNY": "4.7123"}}`) file of published reference rates (e.g. the CFETS RMB central parity), each rate given the same spread. All or nothing: a bad line is `400 invalid_file` naming it.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        content: string;
                        /** @enum {string} */
                        format: "csv" | "json";
                        source: string;
                        spread_bps: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["FxRate"][];
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hub/scans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Scan a parcel
         * @description `pick_up` (collected from the sender), `receive` (at the origin hub), `hand_over` (to the last-mile carrier: into China only after customs released it). A scan out of turn is refused with `409 invalid_scan` naming the parcel’s milestone; the same scan twice is answered `repeated: true` and changes nothing. Bagging, departure and arrival are scanned through bags and manifests.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        location?: string;
                        /** @enum {string} */
                        scan: "pick_up" | "receive" | "hand_over";
                        tracking_number: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            object: "scan";
                            parcel: components["schemas"]["Parcel"];
                            /** @description The parcel was already there: nothing changed */
                            repeated: boolean;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/images/{id}/{size}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An image file
         * @description `original` as uploaded, or a WebP thumbnail `w200` / `w800`. Cached for a year: an image id never changes content.
         *
         *     Public: no credentials needed.
         *
         *     Public: no credentials needed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    size: "original" | "w200" | "w800";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List imports
         * @description Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Import"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Import products, variants and stock from CSV
         * @description Send the file as the body with `Content-Type: text/csv` (options in the query), or as JSON `{ "csv": "…", "mode", "dry_run", "filename" }`. The import runs in the background: poll `GET /v1/imports/:id`. Columns, modes and the update-by-SKU rule: docs/api.md "Import and export".
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: {
                    dry_run?: "true" | "false";
                    filename?: string;
                    mode?: "all_or_nothing" | "valid_rows";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": string | {
                        csv: string;
                        /** @description Validate only: write nothing */
                        dry_run?: boolean;
                        filename?: string;
                        /**
                         * @description all_or_nothing (default): nothing is written if any row is bad
                         * @enum {string}
                         */
                        mode?: "all_or_nothing" | "valid_rows";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Import"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An import: status, progress, errors
         * @description Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Import"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}/errors.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The error report of an import, as CSV
         * @description Columns `row,field,code,message`: the row as a spreadsheet numbers it (the header is row 1).
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound-shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List inbound shipments to bonded warehouses
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "in_transit" | "received" | "cancelled";
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["InboundShipment"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Send stock to a bonded warehouse
         * @description Bulk transfer from one of your warehouses into a China bonded warehouse (1210). The units leave your warehouse now and enter the bonded warehouse’s stock when it receives them. Send an `Idempotency-Key`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from_location_id: string;
                        lines: {
                            quantity: number;
                            variant_id: string;
                        }[];
                        reference?: string;
                        to_location_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboundShipment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound-shipments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An inbound shipment
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboundShipment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound-shipments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call off an inbound shipment before it arrives
         * @description The units go back into your warehouse.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboundShipment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound-shipments/{id}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The bonded warehouse received an inbound shipment
         * @description What arrived of each line (lines not named arrived in full) goes into the warehouse’s stock.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines?: {
                            received_quantity: number;
                            variant_id: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InboundShipment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List in-store payments
         * @description Newest first. A POS key sees its own store’s; the merchant’s staff and keys every store’s; operators all.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "requires_payment" | "requires_confirmation" | "succeeded" | "expired" | "canceled";
                    store_id?: string;
                    till_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["InstorePayment"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Take a payment at the till
         * @description With `payment_code` (the 18 digits scanned from the shopper’s wallet) the till charges that code: paid at once (`succeeded`) up to the shopper’s no-confirmation limit, above it `requires_confirmation` until the shopper confirms in the wallet. Without it, a request the shopper pays by scanning the QR in `qr` (`requires_payment`). The amount is in the store’s currency; the shopper pays CNY at a locked quote. A code is good once and for about two minutes: `payment_code_used`, `payment_code_expired`, `payment_code_invalid`.
         *
         *     Who may call: merchant API keys with scope `instore:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description In the store’s currency: AUD in Australia, NZD in New Zealand */
                        amount: {
                            amount: string;
                            currency: string;
                        };
                        /** @description Seconds the shopper has to pay or confirm (default 300) */
                        expires_in?: number;
                        payment_code?: string;
                        /** @description The till’s own sale or docket number */
                        reference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstorePayment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an in-store payment
         * @description The till polls it to learn the outcome (or listens for `instore_payment.succeeded`).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstorePayment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/payments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an unpaid in-store payment
         * @description One waiting for the shopper (`requires_payment`, `requires_confirmation`); a paid one is refunded instead (`409 invalid_state`).
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `instore:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstorePayment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/payments/{id}/qr.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QR of a payment request (PNG)
         * @description For a `merchant_qr` payment: the signed payload as a QR code, for the till’s customer display.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/payments/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The receipt of an in-store payment
         * @description Bilingual (Chinese and English) lines to print or show, with its refunds. The shopper who paid may read it too.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`; shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstoreReceipt"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/payments/{id}/receipt.txt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The receipt as text for a till printer
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`; shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund an in-store payment
         * @description In full or in part, in the store’s currency. The shopper gets the CNY share back in their wallet (refunds adding up to the whole give back exactly the CNY charged); more than is left is `400 refund_exceeds_payment` with `refundable`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `instore:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: {
                            amount: string;
                            currency: string;
                        };
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description In the store’s currency */
                            amount: {
                                amount: string;
                                currency: string;
                            };
                            /** @description The CNY given back to the shopper’s wallet: the charge’s share of the refunded total */
                            charge: {
                                amount: string;
                                currency: string;
                            };
                            created_at: string;
                            id: string;
                            /** @enum {string} */
                            object: "instore_refund";
                            payment: components["schemas"]["InstorePayment"];
                            payment_id: string;
                            reason: string | null;
                            /** @description The till that gave the refund */
                            till_id: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instore/reports/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily till report
         * @description Each store’s takings on one business day in its own time zone (default: today there): payments paid that day, refunds given that day, in the store’s currency and in CNY, commission and fees, in all and per till. A POS key gets its own store; operators name `store_id`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:read`.
         */
        get: {
            parameters: {
                query?: {
                    date?: string;
                    store_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstoreDailyReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly invoices
         * @description Newest first. Merchants and keys with `payments:read` see their own; operators all, or one merchant’s (`merchant_id`).
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    merchant_id?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Invoice"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invoice
         * @description `format=pdf` sends an A4 PDF (English and Chinese) as an attachment. Another merchant’s invoice is 404.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "pdf";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invoice"];
                        "application/pdf": components["schemas"]["Invoice"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List background jobs
         * @description Who may call: operator staff (admin, operations).
         *
         *     Who may call: operator staff (admin, operations).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    kind?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "queued" | "running" | "succeeded" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Job"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a job
         * @description Who may call: operator staff (admin, operations).
         *
         *     Who may call: operator staff (admin, operations).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a failed job
         * @description Puts a failed job back in the queue with a fresh set of attempts.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Print many labels at once
         * @description One PDF with a 100 × 150 mm page per parcel, in the order given (at most 500): parcel ids or tracking numbers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        parcels: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List ledger accounts
         * @description Who may call: operator staff (admin, finance, support).
         *
         *     Who may call: operator staff (admin, finance, support).
         */
        get: {
            parameters: {
                query?: {
                    currency?: "CNY" | "AUD" | "NZD" | "USD" | "JPY";
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    owner_id?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["LedgerAccount"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Open a ledger account
         * @description Idempotent on `key`: the same key with the same currency, kind and balance rule returns the existing account. `debits_must_not_exceed_credits` makes the account impossible to overdraw (wallets, escrow).
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default none
                         * @enum {string}
                         */
                        balance_constraint?: "none" | "debits_must_not_exceed_credits" | "credits_must_not_exceed_debits";
                        /** @enum {string} */
                        currency: "CNY" | "AUD" | "NZD" | "USD" | "JPY";
                        key: string;
                        /** @enum {string} */
                        kind: "asset" | "liability" | "equity" | "revenue" | "expense";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerAccount"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A ledger account and its balances
         * @description Who may call: operator staff (admin, finance, support).
         *
         *     Who may call: operator staff (admin, finance, support).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerAccount"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An account statement
         * @description The transfers that touched the account, newest first; page with `starting_after` (a transfer id).
         *
         *     Who may call: operator staff (admin, finance, support).
         *
         *     Who may call: operator staff (admin, finance, support).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["LedgerTransfer"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/transfer-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make linked transfers
         * @description Up to 1000 transfers that apply all together or not at all, in order (a later one may close a pending one made earlier in the batch). An error names the failing transfer by `index`.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        transfers: {
                            /** @description Required except for post_pending (defaults to the whole hold) and void_pending */
                            amount?: string;
                            credit_account_id?: string;
                            /** @enum {string} */
                            currency?: "CNY" | "AUD" | "NZD" | "USD" | "JPY";
                            debit_account_id?: string;
                            /** @description Your id for the transfer: sending it again returns the transfer already made */
                            id: string;
                            /**
                             * @default single
                             * @enum {string}
                             */
                            kind?: "single" | "pending" | "post_pending" | "void_pending";
                            metadata?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description post_pending / void_pending: the pending transfer they close */
                            pending_id?: string;
                            reference?: {
                                id: string;
                                type: string;
                            };
                            /** @description pending: voided by the expiry job after this long */
                            timeout_seconds?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            object: "ledger_transfer_batch";
                            transfers: components["schemas"]["LedgerTransfer"][];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a transfer
         * @description Debits one account and credits another by the same amount, in their shared currency. `pending` holds the amount until a `post_pending` (all or part) or `void_pending` closes it, or its timeout passes. Refused with `exceeds_credits` / `exceeds_debits` when an account’s balance rule would break.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Required except for post_pending (defaults to the whole hold) and void_pending */
                        amount?: string;
                        credit_account_id?: string;
                        /** @enum {string} */
                        currency?: "CNY" | "AUD" | "NZD" | "USD" | "JPY";
                        debit_account_id?: string;
                        /** @description Your id for the transfer: sending it again returns the transfer already made */
                        id: string;
                        /**
                         * @default single
                         * @enum {string}
                         */
                        kind?: "single" | "pending" | "post_pending" | "void_pending";
                        metadata?: {
                            [key: string]: string | number | boolean;
                        };
                        /** @description post_pending / void_pending: the pending transfer they close */
                        pending_id?: string;
                        reference?: {
                            id: string;
                            type: string;
                        };
                        /** @description pending: voided by the expiry job after this long */
                        timeout_seconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerTransfer"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a transfer
         * @description Who may call: operator staff (admin, finance, support).
         *
         *     Who may call: operator staff (admin, finance, support).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerTransfer"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stock locations
         * @description A merchant sees its own warehouses and the platform’s bonded warehouses.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Location"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a stock location
         * @description A merchant adds its own warehouse (in AU or NZ; a merchant in China, in CN). An operator adds a platform-run China bonded warehouse (country CN, with its customs area code), which every merchant can stock.
         *
         *     Who may call: operator staff (admin, operations); merchant staff (owner, manager); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        city: string;
                        country: string;
                        /** @description Bonded warehouses: customs area code */
                        customs_code?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Location"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/locations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a location
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Location"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logistics/lanes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List lanes
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    mode?: "1210" | "9610" | "domestic" | "export";
                    origin_node_id?: string;
                    service_code?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ShippingLane"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a lane with its rate card
         * @description From an origin node to `regions` of `destination_country` (ISO 3166-2 codes, or `["*"]` for all of it). Modes: `9610` (direct mail from an AU/NZ hub to CN), `1210` (from a China bonded warehouse within CN), `domestic` (within the origin’s country). The rate card is in the origin country’s currency (AUD, NZD; CNY in China): `currency_mismatch` otherwise. Two active lanes of one origin and `service_code` covering the same region are `409 lane_overlap`.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        destination_country: string;
                        /** @enum {string} */
                        mode: "1210" | "9610" | "domestic" | "export";
                        name: string;
                        origin_node_id: string;
                        rate_card: {
                            additional_price: {
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY" | "AUD" | "NZD";
                            };
                            /** @description Each further step (or part of one) adds additional_price */
                            additional_weight_g: number;
                            first_price: {
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY" | "AUD" | "NZD";
                            };
                            /** @description The first weight band, charged in full however light the parcel */
                            first_weight_g: number;
                            /** @description Basis points of the weight charge: 1200 = 12% */
                            fuel_surcharge_bps?: number;
                            max_parcel_weight_g?: number | null;
                            /** @description cm³ per kg, e.g. 6000 for air; null: actual weight only */
                            volumetric_divisor?: number | null;
                        };
                        regions: string[];
                        /** @description Upper-case letters, digits and dashes */
                        service_code: string;
                        transit_days: {
                            max: number;
                            min: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShippingLane"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logistics/lanes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a lane
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShippingLane"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Change a lane
         * @description Only the fields sent; `rate_card` fields are merged into the current card (e.g. `{ "rate_card": { "fuel_surcharge_bps": 1500 } }`). Origin, service, mode and destination country stay. `active: false` takes the lane out of quotes.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        name?: string;
                        rate_card?: {
                            additional_price?: {
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY" | "AUD" | "NZD";
                            };
                            /** @description Each further step (or part of one) adds additional_price */
                            additional_weight_g?: number;
                            first_price?: {
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY" | "AUD" | "NZD";
                            };
                            /** @description The first weight band, charged in full however light the parcel */
                            first_weight_g?: number;
                            /** @description Basis points of the weight charge: 1200 = 12% */
                            fuel_surcharge_bps?: number;
                            max_parcel_weight_g?: number | null;
                            /** @description cm³ per kg, e.g. 6000 for air; null: actual weight only */
                            volumetric_divisor?: number | null;
                        };
                        regions?: string[];
                        transit_days?: {
                            max: number;
                            min: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShippingLane"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logistics/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the network’s nodes
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    kind?: "hub" | "bonded_warehouse";
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["LogisticsNode"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a hub or bonded warehouse to the network
         * @description A `hub` (AU or NZ) lists the regions whose merchant warehouses send it their parcels (`serves_regions`, each region at one hub only: `409 already_exists`) and optionally extra towns (`serves_cities`). A `bonded_warehouse` names the inventory bonded stock location (`stock_location_id`) whose stock ships from it; its country and city come from that location. `region` is the node’s own ISO 3166-2 region (`CN-ZJ`, `AU-VIC`; `NZ`); an unknown one is `400 invalid_region`.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        city?: string;
                        /** @description Upper-case letters, digits and dashes */
                        code: string;
                        country?: string;
                        /** @enum {string} */
                        kind: "hub" | "bonded_warehouse";
                        name: string;
                        region: string;
                        serves_cities?: string[];
                        serves_regions?: string[];
                        stock_location_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogisticsNode"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logistics/nodes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a node
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogisticsNode"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Change a node
         * @description Only the fields sent. A node taken out of service (`active: false`) is no origin for quotes.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        name?: string;
                        serves_cities?: string[];
                        serves_regions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogisticsNode"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/manifests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List manifests
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "open" | "departed" | "arrived";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Manifest"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Put closed bags on a flight
         * @description A manifest: the flight, its master air waybill (IATA: airline prefix and 8 digits, the last the first seven mod 7, e.g. `784-12345675`) and the closed bags from one hub to one country.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bag_ids: string[];
                        destination_airport: string;
                        /** @enum {string} */
                        destination_country: "CN" | "AU" | "NZ";
                        flight_no: string;
                        mawb: string;
                        origin_node_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Manifest"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/manifests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A manifest and its bags
         * @description Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Manifest"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/manifests/{id}/arrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The flight landed: every parcel arrives; 9610 orders on board go to China customs
         * @description Scans every parcel in the manifest's bags (each must be where the scan expects it). `arrived_at` defaults to now. Repeating it changes nothing.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        arrived_at?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Manifest"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/manifests/{id}/depart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The flight left: every parcel on it departs
         * @description Scans every parcel in the manifest's bags (each must be where the scan expects it). `departed_at` defaults to now. Repeating it changes nothing.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        departed_at?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Manifest"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys (any scope); shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys (any scope); shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Principal"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchant-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply to sell on Tasman
         * @description Creates the merchant in status `applied` with its owner account, who can sign in at once to follow the application. The ABN (ATO check-digit rule), NZBN (GS1 check digit, prefix 94) or, for `country: CN`, the Unified Social Credit Code (GB 32100-2015 character set and check character) is validated: `invalid_abn`, `invalid_nzbn`, `invalid_uscc` (param `business_number`). CN merchants price in and are settled in CNY. The payout account is stored encrypted and only ever shown masked. An operator approves or rejects the application.
         *
         *     Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        brands?: string[];
                        /** @description ABN for Australia (11 digits), NZBN for New Zealand (13 digits, starts 94), Unified Social Credit Code 统一社会信用代码 for mainland China (18 characters, GB 32100-2015) */
                        business_number: string;
                        categories: ("honey" | "infant_formula" | "health_supplements" | "skincare_cosmetics" | "wine" | "food_beverage" | "mother_baby")[];
                        contact: {
                            /** Format: email */
                            email: string;
                            name: string;
                            phone?: string;
                        };
                        /**
                         * @description AU and NZ merchants sell to shoppers in China; CN (mainland China) merchants sell to shoppers in Australia and New Zealand
                         * @enum {string}
                         */
                        country: "AU" | "NZ" | "CN";
                        gst_registered: boolean;
                        legal_name: string;
                        owner: {
                            /** Format: email */
                            email: string;
                            name: string;
                            password: string;
                        };
                        payout_account: {
                            account_name: string;
                            account_number: string;
                            bsb: string;
                            /** @enum {string} */
                            country: "AU";
                        } | {
                            account_name: string;
                            /** @description bank-branch-account-suffix, e.g. 12-3456-0123456-000 */
                            account_number: string;
                            /** @enum {string} */
                            country: "NZ";
                        } | {
                            /** @description The account holder, as the bank has it (usually the company name in Chinese) */
                            account_name: string;
                            /** @description Mainland bank card or account number, 12–30 digits */
                            account_number: string;
                            /** @description Bank and branch, e.g. 招商银行深圳分行 */
                            bank_name: string;
                            /** @enum {string} */
                            country: "CN";
                        };
                        trading_name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            brands: string[];
                            /** @description ABN (AU), NZBN (NZ) or Unified Social Credit Code (CN) */
                            business_number: string | null;
                            categories: string[];
                            contact: {
                                email: string;
                                name: string;
                                phone?: string;
                            } | null;
                            /** @enum {string} */
                            country: "AU" | "NZ" | "CN";
                            created_at: string;
                            gst_registered: boolean;
                            id: string;
                            legal_name: string;
                            /** @description On the test twin: the live merchant it stands in for */
                            live_merchant_id: string | null;
                            /** @description False for the test twin `sk_test_` keys act as (its status is always `approved`) */
                            livemode: boolean;
                            /** @enum {string} */
                            object: "merchant";
                            owner_id: string;
                            payout_account: {
                                /** @enum {string} */
                                country: "AU" | "NZ" | "CN";
                                /** @description Only the BSB, the bank-branch or the bank name, and the last digits */
                                masked: string;
                            } | null;
                            /** @enum {string} */
                            status: "applied" | "approved" | "rejected" | "suspended";
                            status_reason: string | null;
                            trading_name: string | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List merchants
         * @description Filter by `status=applied` for the queue of applications to review.
         *
         *     Who may call: operator staff (any role).
         *
         *     Who may call: operator staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "applied" | "approved" | "rejected" | "suspended";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Merchant"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an approved merchant directly
         * @description For operators moving an existing brand onto the platform; brands normally apply through `POST /v1/merchant-applications`.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        country: "AU" | "NZ" | "CN";
                        legal_name: string;
                        owner: {
                            /** Format: email */
                            email: string;
                            name: string;
                            password: string;
                        };
                        trading_name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            brands: string[];
                            /** @description ABN (AU), NZBN (NZ) or Unified Social Credit Code (CN) */
                            business_number: string | null;
                            categories: string[];
                            contact: {
                                email: string;
                                name: string;
                                phone?: string;
                            } | null;
                            /** @enum {string} */
                            country: "AU" | "NZ" | "CN";
                            created_at: string;
                            gst_registered: boolean;
                            id: string;
                            legal_name: string;
                            /** @description On the test twin: the live merchant it stands in for */
                            live_merchant_id: string | null;
                            /** @description False for the test twin `sk_test_` keys act as (its status is always `approved`) */
                            livemode: boolean;
                            /** @enum {string} */
                            object: "merchant";
                            owner_id: string;
                            payout_account: {
                                /** @enum {string} */
                                country: "AU" | "NZ" | "CN";
                                /** @description Only the BSB, the bank-branch or the bank name, and the last digits */
                                masked: string;
                            } | null;
                            /** @enum {string} */
                            status: "applied" | "approved" | "rejected" | "suspended";
                            status_reason: string | null;
                            trading_name: string | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a merchant
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `merchant:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `merchant:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Merchant"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a merchant
         * @description applied → approved. The merchant can list products and be paid. Illegal transitions are `409 invalid_state`. Recorded in the status history and the audit log.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Merchant"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/payout-account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the payout account
         * @description The bank account payouts go to, in the merchant’s country; checked like an application’s. Only the masked account is ever returned.
         *
         *     Who may call: operator staff (admin, finance); merchant staff (owner).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account_name: string;
                        account_number: string;
                        bsb: string;
                        /** @enum {string} */
                        country: "AU";
                    } | {
                        account_name: string;
                        /** @description bank-branch-account-suffix, e.g. 12-3456-0123456-000 */
                        account_number: string;
                        /** @enum {string} */
                        country: "NZ";
                    } | {
                        /** @description The account holder, as the bank has it (usually the company name in Chinese) */
                        account_name: string;
                        /** @description Mainland bank card or account number, 12–30 digits */
                        account_number: string;
                        /** @description Bank and branch, e.g. 招商银行深圳分行 */
                        bank_name: string;
                        /** @enum {string} */
                        country: "CN";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Merchant"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/payout-hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Hold a merchant’s payouts
         * @description While under review: the balance keeps growing and is not paid until the hold is lifted.
         *
         *     Who may call: operator staff (admin, finance).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            merchant_id: string;
                            /** @enum {string} */
                            object: "payout_hold";
                            reason: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Lift a merchant’s payout hold
         * @description Who may call: operator staff (admin, finance).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Move a merchant to a plan
         * @description `effective`: `next_period` (default) from the first day of the merchant’s next month in its time zone, or `immediately`. An invoice bills the plan in force at the end of its month, without proration. Audited.
         *
         *     Who may call: operator staff (admin, finance).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default next_period
                         * @enum {string}
                         */
                        effective?: "immediately" | "next_period";
                        plan: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            effective: "immediately" | "next_period";
                            effective_from: string;
                            id: string;
                            merchant_id: string;
                            /** @enum {string} */
                            object: "plan_change";
                            plan: components["schemas"]["Plan"];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/reinstate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reinstate a merchant
         * @description suspended → approved, with a reason. Illegal transitions are `409 invalid_state`. Recorded in the status history and the audit log.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Merchant"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a merchant
         * @description applied → rejected, with a reason the applicant sees. Its credentials stop working. Illegal transitions are `409 invalid_state`. Recorded in the status history and the audit log.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Merchant"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/status-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A merchant's status history
         * @description Who may call: operator staff (any role); merchant staff (owner, manager).
         *
         *     Who may call: operator staff (any role); merchant staff (owner, manager).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["MerchantStatusChange"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a merchant
         * @description approved → suspended, with a reason. Its products leave the storefront and its API keys and sessions stop working; nothing is deleted. Illegal transitions are `409 invalid_state`. Recorded in the status history and the audit log.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Merchant"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A merchant’s usage this month
         * @description As GET /v1/usage, for operators; a merchant may read its own (another’s is 404).
         *
         *     Who may call: operator staff (any role); merchant staff (any role).
         *
         *     Who may call: operator staff (any role); merchant staff (any role).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Usage"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operator staff
         * @description Who may call: operator staff (admin).
         *
         *     Who may call: operator staff (admin).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["StaffUser"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an operator staff account
         * @description Who may call: operator staff (admin).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        password: string;
                        /** @enum {string} */
                        role: "admin" | "operations" | "finance" | "support";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffUser"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders
         * @description Newest first. Shoppers see their own, merchants theirs, operators all (`merchant` narrows). Filter by `state`, `origin` (a stock location id, or `bonded_warehouse` / `merchant_warehouse`), `customs_mode`, `checkout`, and creation time (`created_from`, `created_to`, ISO 8601).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`; shoppers.
         */
        get: {
            parameters: {
                query?: {
                    checkout?: string;
                    created_from?: string;
                    created_to?: string;
                    customs_mode?: "1210" | "9610" | "export";
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    merchant?: string;
                    origin?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    state?: "pending_payment" | "paid" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded" | "return_requested" | "returned";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Order"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An order, with its return and its history
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`; shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order before it ships
         * @description paid or fulfilling → cancelled: refunded in full to the buyer’s wallet, the stock goes back, the buyer’s quota is given back.
         *
         *     Who may call: operator staff (admin, operations, support); merchant staff (owner, manager, staff); merchant API keys with scope `orders:write`; shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm receipt
         * @description delivered → completed: the buyer confirms they received it, and the merchant is paid from escrow now.
         *
         *     Who may call: operator staff (admin, operations); shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that an order was delivered
         * @description shipped → delivered (until shipments record it themselves). Starts the escrow clock: the merchant is paid `ESCROW_RELEASE_DAYS` later unless the buyer confirms receipt first; returns may be requested for 7 days.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        delivered_at?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/fulfil": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start preparing a paid order
         * @description paid → fulfilling.
         *
         *     Who may call: operator staff (admin, operations, support); merchant staff (owner, manager, staff); merchant API keys with scope `orders:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/parcels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An order’s parcels and their timelines
         * @description For the buyer, the merchant and operators: where each parcel of the order is.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`; shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Parcel"][];
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund an order in full
         * @description Any paid state → refunded (e.g. lost in transit): everything still refundable goes back, the quota too, unshipped stock returns.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (owner, manager); merchant API keys with scope `orders:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask to return goods
         * @description delivered or completed → return_requested, within 7 days of delivery (`return_window_closed` after). Name the lines and units (all when omitted) and a reason. One return per order.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        lines?: {
                            line_no: number;
                            quantity: number;
                        }[];
                        /** @enum {string} */
                        reason: "no_reason" | "damaged" | "wrong_item" | "not_as_described" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/return/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a return
         * @description The buyer sends the goods back; the refund follows their receipt.
         *
         *     Who may call: operator staff (admin, operations, support); merchant staff (owner, manager, staff); merchant API keys with scope `orders:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/return/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that returned goods arrived
         * @description return_requested (approved) → returned: the buyer is refunded the units’ price and their share of the import tax (not the shipping), from escrow or from the merchant’s pending settlement, and the quota they took is given back.
         *
         *     Who may call: operator staff (admin, operations, support); merchant staff (owner, manager, staff); merchant API keys with scope `orders:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/return/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refuse a return
         * @description return_requested → delivered (or completed). The note tells the buyer why.
         *
         *     Who may call: operator staff (admin, operations, support); merchant staff (owner, manager, staff); merchant API keys with scope `orders:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that an order left its origin
         * @description paid or fulfilling → shipped. The stock kept for it leaves the location. Give the carrier and tracking number if there is one.
         *
         *     Who may call: operator staff (admin, operations, support); merchant staff (owner, manager, staff); merchant API keys with scope `orders:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        carrier?: string;
                        tracking_number?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Book parcels for an order
         * @description For a paid (or fulfilling) order: parcels with their weight, size and the order lines and units each holds. Each parcel gets the next UPU S10 tracking number of the platform’s series and a 100 × 150 mm label (`label_url`). The order moves to `fulfilling`, and to `shipped` once every unit is in a parcel. Orders for China get their customs declarations built and the three-document match checked (`GET /v1/customs/declarations?order=`). Send an `Idempotency-Key`.
         *
         *     Who may call: operator staff (admin, operations); merchant staff (owner, manager, staff); merchant API keys with scope `shipments:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        parcels: {
                            height_cm: number;
                            length_cm: number;
                            /** @description The order lines and units in this parcel; omit on a one-parcel shipment to ship every unit not yet shipped */
                            lines?: {
                                line_no: number;
                                quantity: number;
                            }[];
                            weight_g: number;
                            width_cm: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parcels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List parcels
         * @description Newest first; merchants see their own. `status=exception` is the operators’ exception queue.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: {
                    bag?: string;
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    order?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Parcel"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parcels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A parcel with its whole timeline
         * @description By parcel id or tracking number. The timeline includes events that arrived too late to move the parcel (`applied: false`).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Parcel"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parcels/{id}/label": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A parcel’s label (PDF, 100 × 150 mm)
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List payment intents
         * @description Newest first. Merchants see their own, shoppers those they paid, operators all (`merchant` to filter).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    merchant?: string;
                    order_reference?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "requires_payment" | "succeeded" | "canceled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PaymentIntent"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a payment intent for an order
         * @description The order’s price in the merchant’s settlement currency (or a fixed price in the charge currency) and what the shopper pays in (`charge_currency`, default CNY). A CNY charge is a buyer in China paying an Australian/NZ merchant (cross-border e-commerce): it names its `buyer`, name and 18-digit resident ID number, checked (`invalid_name`, `invalid_id_number`) and kept only masked and as a keyed index; only the buyer can pay it (`identity_mismatch` otherwise). An AUD or NZD charge is a shopper in Australia/New Zealand paying a seller in China (a merchant settling in CNY), paid from an AUD/NZD wallet with no Chinese identity; `buyer` is optional. Other pairings are `currency_mismatch` (`charge_currency`). One intent per `order_reference` (409 `already_exists`). Operators name the `merchant`.
         *
         *     Who may call: operator staff (admin, operations); merchant staff (owner, manager); merchant API keys with scope `payments:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The order’s price: in the merchant’s settlement currency (AUD/NZD for Australian/NZ merchants, CNY for sellers in China; the merchant is owed exactly it) or in the charge currency (charged exactly; the merchant is owed it converted) */
                        amount: {
                            amount: string;
                            currency: string;
                        };
                        /** @description Required for CNY charges (`invalid_request` with `param` `buyer` otherwise); optional for AUD/NZD charges */
                        buyer?: {
                            id_number: string;
                            name: string;
                        };
                        /**
                         * @description What the shopper pays in. CNY (default): a buyer in China, for a merchant settling in AUD/NZD. AUD or NZD: a shopper in Australia/New Zealand buying from a seller in China (e.g. a Chinese seller’s own shop), for a merchant settling in CNY; the charge is the price converted at the AUD/NZD → CNY rate locked at payment.
                         * @enum {string}
                         */
                        charge_currency?: "CNY" | "AUD" | "NZD";
                        description?: string;
                        merchant?: string;
                        metadata?: {
                            [key: string]: string;
                        };
                        order_reference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentIntent"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A payment intent
         * @description With its charge, locked FX rate, escrow state, refunds total and, once paid, the customs payment data.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentIntent"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an unpaid payment intent
         * @description Only while `requires_payment` (409 `invalid_state` after); a paid order is refunded instead.
         *
         *     Who may call: operator staff (admin, operations); merchant staff (owner, manager); merchant API keys with scope `payments:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentIntent"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay an intent from your wallet
         * @description Your wallet must be in the intent’s `charge_currency` (`currency_mismatch` otherwise). For a CNY intent you must be the order’s buyer (same verified name and ID number, `identity_mismatch` otherwise; `identity_required` before verifying); an AUD/NZD intent needs no identity. The charge is fixed by `quote_id` (`quote_expired` once it ran out) or by a rate locked now, taken from your wallet (`402 insufficient_funds` with the amounts) into escrow. Send an `Idempotency-Key`.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        quote_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentIntent"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents/{id}/confirm-receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm you received the order
         * @description The payer only. Releases the escrow to the merchant now.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentIntent"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents/{id}/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that a paid order was delivered
         * @description Starts the escrow clock: held escrow is released to the merchant `ESCROW_RELEASE_DAYS` (10) days after `delivered_at` (default: now) unless the buyer confirms receipt first. Recording it again changes nothing. Shipments record it themselves.
         *
         *     Who may call: operator staff (admin, operations).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        delivered_at?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentIntent"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents/{id}/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lock the exchange rate for paying an intent
         * @description Locks the charge-currency → merchant-currency rate (after the spread: CNY → AUD/NZD, or AUD/NZD → CNY for a seller in China) for 10 minutes and returns the exact charge in the charge currency: pay with `quote_id` before `expires_at`, or it is `quote_expired`. The charge is the price ÷ rate rounded up to the minor unit. With nothing to convert, `quote_id` is null. An intent made by the platform’s checkout has its goods charge fixed already, and shipping and tax (import tax or GST) on top: the charge is their sum.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            charge: {
                                amount: string;
                                currency: string;
                            };
                            expires_at: string | null;
                            /** @enum {string} */
                            object: "payment_quote";
                            payment_intent: string;
                            quote_id: string | null;
                            rate: string | null;
                            settlement: {
                                amount: string;
                                currency: string;
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-intents/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release held escrow to the merchant now
         * @description For finance operators settling a dispute; audited. Releases what is left after refunds.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentIntent"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payout batches
         * @description Who may call: operator staff (admin, finance, support).
         *
         *     Who may call: operator staff (admin, finance, support).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "draft" | "approved" | "sent" | "confirmed" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PayoutBatch"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Prepare a payout batch
         * @description For every merchant paid in the currency: converts their other balances at today’s settlement rate, then pays the balance unless it is held, negative (carried forward), under the minimum, or has no payout account. A draft until two finance operators have signed it off (the preparer counts as one). Accepts an Idempotency-Key.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        currency: "AUD" | "NZD";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null when nobody is to be paid */
                            batch: components["schemas"]["PayoutBatch"] | null;
                            conversions: components["schemas"]["SettlementConversion"][];
                            /** @enum {string} */
                            object: "payout_run";
                            skipped: {
                                balance: {
                                    amount: string;
                                    currency: string;
                                };
                                merchant_id: string;
                                /** @enum {string} */
                                reason: "on_hold" | "nothing_due" | "negative_balance" | "below_minimum" | "no_payout_account";
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A payout batch with its payouts
         * @description Who may call: operator staff (admin, finance, support).
         *
         *     Who may call: operator staff (admin, finance, support).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayoutBatch"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout-batches/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a draft batch (a second finance operator)
         * @description Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayoutBatch"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout-batches/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a draft batch: the money goes back to the merchants’ balances
         * @description Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayoutBatch"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout-batches/{id}/confirmations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the bank’s answer
         * @description Per payout: paid (it leaves the platform’s bank account) or failed (its money goes back to the merchant’s balance). When every payout has its answer the batch is confirmed, or failed if none was paid.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        items: {
                            /** @description What the bank reports, when it differs: reconciliation lists the difference */
                            amount?: string;
                            payout_id: string;
                            reason?: string;
                            /** @enum {string} */
                            status: "paid" | "failed";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayoutBatch"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout-batches/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The batch’s bank file
         * @description ABA (Cemtex) direct entry file for AUD, bulk-payment CSV for NZD; once the batch is approved.
         *
         *     Who may call: operator staff (admin, finance).
         *
         *     Who may call: operator staff (admin, finance).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payout-batches/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an approved batch sent: its bank file was uploaded to the bank
         * @description Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayoutBatch"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payouts
         * @description A merchant’s payouts to their bank account, newest first; operators see every merchant’s, or one’s with `merchant_id`.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    merchant_id?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Payout"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plans
         * @description Every plan: its API rate limit per minute (shared by all of a merchant’s credentials), what it includes each month, the GMV fee and its prices in AUD, NZD and CNY (a merchant pays in its settlement currency).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `merchant:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `merchant:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Plan"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a plan’s terms
         * @description Only the fields sent change; a price list replaces that currency’s prices. Rate limits apply within 30 seconds in every server process; prices from the next invoice made. Audited.
         *
         *     Who may call: operator staff (admin, finance).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        gmv_fee_bps?: number;
                        included?: {
                            api_calls?: number;
                            labels?: number;
                            orders?: number;
                            storage_bytes?: number;
                        };
                        name?: string;
                        prices?: {
                            AUD?: {
                                /** @description Minor units of the currency */
                                monthly_fee: string;
                                /** @description Price of one block of each metric */
                                overage: {
                                    api_calls: string;
                                    labels: string;
                                    orders: string;
                                    storage_bytes: string;
                                };
                            };
                            CNY?: {
                                /** @description Minor units of the currency */
                                monthly_fee: string;
                                /** @description Price of one block of each metric */
                                overage: {
                                    api_calls: string;
                                    labels: string;
                                    orders: string;
                                    storage_bytes: string;
                                };
                            };
                            NZD?: {
                                /** @description Minor units of the currency */
                                monthly_fee: string;
                                /** @description Price of one block of each metric */
                                overage: {
                                    api_calls: string;
                                    labels: string;
                                    orders: string;
                                    storage_bytes: string;
                                };
                            };
                        };
                        rate_limit_per_minute?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Plan"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List products
         * @description Merchants see their own; operators every merchant’s, optionally filtered by `merchant_id`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `products:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `products:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    merchant_id?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "draft" | "active" | "archived";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Product"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a product
         * @description Creates a draft with its variants. SKUs are unique per merchant (`409 already_exists`), GTINs and HS codes are validated (`invalid_gtin`, `invalid_hs_code`), prices are in the merchant’s currency — AUD, NZD, or CNY for a merchant in China (`currency_mismatch`). `listing_issues` in the response says what is still missing before it can be listed.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        brand: string;
                        /** @enum {string} */
                        category: "honey" | "infant_formula" | "health_supplements" | "skincare_cosmetics" | "wine" | "food_beverage" | "mother_baby";
                        /** @description ISO 3166 alpha-2 */
                        country_of_origin: string;
                        /** @description SAMR infant-formula registration, e.g. 国食注字YP20180001 */
                        samr_registration?: string | null;
                        shelf_life_days?: number | null;
                        /** @description Product text per locale. Both `en` and `zh-Hans` (name and description) are needed before listing for China. */
                        text: {
                            en?: {
                                description?: string;
                                ingredients?: string;
                                name: string;
                                subtitle?: string;
                                usage?: string;
                            };
                            "zh-Hans"?: {
                                description?: string;
                                ingredients?: string;
                                name: string;
                                subtitle?: string;
                                usage?: string;
                            };
                        };
                        variants?: {
                            /** @description Alcohol or tobacco: outside the AU/NZ low-value GST regime, taxed at the border rather than at sale. Default false. For sellers in China. */
                            alcohol_or_tobacco?: boolean;
                            /** @description A fixed price for shoppers in China (ANZ merchants only: a merchant in China prices in CNY already) */
                            cny_price?: {
                                /** @description Minor units as a string (docs/api.md) */
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY";
                            } | null;
                            /** @description Quantity in the declared unit per unit sold */
                            declared_quantity?: string | null;
                            /** @description China customs unit code for the declaration */
                            declared_unit?: ("007" | "011" | "035" | "036" | "095" | "096") | null;
                            dimensions_mm?: {
                                height: number;
                                length: number;
                                width: number;
                            } | null;
                            gross_weight_g?: number | null;
                            /** @description GST-free goods in Australia (e.g. basic food): no GST is charged at sale to shoppers in Australia. Default false. For sellers in China. */
                            gst_free?: boolean;
                            /** @description GTIN-8/12/13/14 (EAN/UPC barcode), check digit validated */
                            gtin?: string | null;
                            /** @description HS code: the 10-digit China code for ANZ merchants; 6–10 digits (the HS subheading at least) for merchants in China */
                            hs_code?: string | null;
                            net_weight_g?: number | null;
                            /** @description e.g. { "size": "900g" } */
                            options?: {
                                [key: string]: string;
                            };
                            price: {
                                /** @description Minor units as a string (docs/api.md) */
                                amount: string;
                                /** @description The merchant's currency: AUD, NZD, or CNY for a merchant in China */
                                currency: string;
                            };
                            /** @description Unique among the merchant’s variants */
                            sku: string;
                            /** @description CBEC tax class: its statutory VAT and consumption-tax rates */
                            tax_class?: ("general" | "agricultural" | "cosmetics_high_end" | "wine") | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a product
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `products:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `products:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Update a product
         * @description Only the fields sent change; `text` merges per locale. A change that would make a listed product fail its listing checks is `422 listing_blocked`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        brand?: string;
                        /** @enum {string} */
                        category?: "honey" | "infant_formula" | "health_supplements" | "skincare_cosmetics" | "wine" | "food_beverage" | "mother_baby";
                        /** @description ISO 3166 alpha-2 */
                        country_of_origin?: string;
                        /** @description SAMR infant-formula registration, e.g. 国食注字YP20180001 */
                        samr_registration?: string | null;
                        shelf_life_days?: number | null;
                        /** @description Product text per locale. Both `en` and `zh-Hans` (name and description) are needed before listing for China. */
                        text?: {
                            en?: {
                                description?: string;
                                ingredients?: string;
                                name: string;
                                subtitle?: string;
                                usage?: string;
                            };
                            "zh-Hans"?: {
                                description?: string;
                                ingredients?: string;
                                name: string;
                                subtitle?: string;
                                usage?: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List a product in its market
         * @description draft → active. An ANZ merchant lists for shoppers in China: refused with `422 listing_blocked` and every reason in `issues` when text is missing in either language, an HS code is not on the CBEC positive list, a tax class or weight is missing, infant formula has no SAMR registration, or the merchant is not approved. A merchant in China lists for shoppers in Australia and New Zealand: none of the CBEC checks apply; it needs the English name and description, and per variant an HS code of at least 6 digits and a net or gross weight (`gst_free` and `alcohol_or_tobacco` default to false). The product then stays a draft.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a product
         * @description Leaves the storefront for good; stays readable (past orders show it). Operators use it for take-downs.
         *
         *     Who may call: operator staff (admin, operations); merchant staff (owner, manager); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a product image
         * @description Send the image itself as the body with `Content-Type: image/jpeg | image/png | image/webp` (at most 10 MiB, at least 200×200 px). Stored with w200 and w800 WebP thumbnails. Alt text: `alt_en`, `alt_zh` query parameters.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: {
                    alt_en?: string;
                    alt_zh?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Image"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}/images/{image_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a product image
         * @description Who may call: merchant staff (any role); merchant API keys with scope `products:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    image_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            deleted: true;
                            id: string;
                            /** @enum {string} */
                            object: "image";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}/variants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a variant
         * @description Who may call: merchant staff (any role); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Alcohol or tobacco: outside the AU/NZ low-value GST regime, taxed at the border rather than at sale. Default false. For sellers in China. */
                        alcohol_or_tobacco?: boolean;
                        /** @description A fixed price for shoppers in China (ANZ merchants only: a merchant in China prices in CNY already) */
                        cny_price?: {
                            /** @description Minor units as a string (docs/api.md) */
                            amount: string;
                            /** @enum {string} */
                            currency: "CNY";
                        } | null;
                        /** @description Quantity in the declared unit per unit sold */
                        declared_quantity?: string | null;
                        /** @description China customs unit code for the declaration */
                        declared_unit?: ("007" | "011" | "035" | "036" | "095" | "096") | null;
                        dimensions_mm?: {
                            height: number;
                            length: number;
                            width: number;
                        } | null;
                        gross_weight_g?: number | null;
                        /** @description GST-free goods in Australia (e.g. basic food): no GST is charged at sale to shoppers in Australia. Default false. For sellers in China. */
                        gst_free?: boolean;
                        /** @description GTIN-8/12/13/14 (EAN/UPC barcode), check digit validated */
                        gtin?: string | null;
                        /** @description HS code: the 10-digit China code for ANZ merchants; 6–10 digits (the HS subheading at least) for merchants in China */
                        hs_code?: string | null;
                        net_weight_g?: number | null;
                        /** @description e.g. { "size": "900g" } */
                        options?: {
                            [key: string]: string;
                        };
                        price: {
                            /** @description Minor units as a string (docs/api.md) */
                            amount: string;
                            /** @description The merchant's currency: AUD, NZD, or CNY for a merchant in China */
                            currency: string;
                        };
                        /** @description Unique among the merchant’s variants */
                        sku: string;
                        /** @description CBEC tax class: its statutory VAT and consumption-tax rates */
                        tax_class?: ("general" | "agricultural" | "cosmetics_high_end" | "wine") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List refunds
         * @description Newest first. Merchants see their own, shoppers those of payments they made, operators all.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    payment_intent?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Refund"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Refund a paid order, fully or in part
         * @description Back to the payer’s wallet in the charge currency: from escrow before release, from the merchant’s pending settlement after it (in the merchant’s currency at the rate locked at payment, in proportion to the goods refunded). `amount` defaults to everything still refundable; refunds never add up to more than was paid (`refund_exceeds_payment` with `refundable`). An intent with shipping and tax (`amount_details`) can be refunded by part with `components`; without it the amount is split over what is left of each part in proportion, goods first. Send an `Idempotency-Key`.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (owner, manager); merchant API keys with scope `payments:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Minor units of the charge currency */
                        amount?: string;
                        /** @description How much of each part to refund (parts not named are 0), e.g. a returned line: its goods and its tax share. The amount is their sum (`amount`, if sent too, must equal it: `invalid_amount`); each part at most what is left of it (`refund_exceeds_payment` with `param` `components.<part>` and `refundable`). */
                        components?: {
                            /** @description Minor units (charge currency) of the goods to give back */
                            goods?: string;
                            /** @description Minor units (charge currency) of the shipping to give back */
                            shipping?: string;
                            /** @description Minor units (charge currency) of the tax (import tax or GST) to give back */
                            tax?: string;
                        };
                        payment_intent: string;
                        /** @enum {string} */
                        reason: "requested_by_customer" | "returned" | "order_canceled" | "duplicate" | "fraudulent" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Refund"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/refunds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A refund
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`; shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Refund"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/delivery-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery time per lane
         * @description Orders delivered in the range (by when they were delivered), per lane: shipping service, origin warehouse and destination country. Hours from payment to delivery and from hand-over to the carrier (shipped) to delivery: mean and median (p50), to 0.1 h. The range is China calendar days (Asia/Shanghai), at most 366; `invalid_request` (`param`: `from` or `to`) otherwise. Merchants and API keys with `orders:read` see their own figures; operators the platform’s, or one merchant’s with `merchant_id`. `format=csv` gives the same figures as a CSV (UTF-8 with a byte order mark, one revenue column per currency, decimals).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `csv`: the same figures as a CSV file */
                    format?: "json" | "csv";
                    /** @description First day, inclusive; default 29 days before `to` */
                    from?: string;
                    /** @description Operators: one merchant’s figures (default: the whole platform) */
                    merchant_id?: string;
                    /** @description Last day, inclusive; default today in China */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeliveryTimesReport"];
                        "text/csv": components["schemas"]["DeliveryTimesReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Conversion funnel: views → carts → orders
         * @description Views: storefront product pages served (`GET /v1/storefront/products/:id`); carts: lines added to carts (not changes of quantity); orders: order lines paid — per product, per China day, summed over the range. Views and cart adds are counted in memory and written every few seconds, so the last seconds of another server process may not show yet. The 20 products with the most views are listed. The range is China calendar days (Asia/Shanghai), at most 366; `invalid_request` (`param`: `from` or `to`) otherwise. Merchants and API keys with `orders:read` see their own figures; operators the platform’s, or one merchant’s with `merchant_id`. `format=csv` gives the same figures as a CSV (UTF-8 with a byte order mark, one revenue column per currency, decimals).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `csv`: the same figures as a CSV file */
                    format?: "json" | "csv";
                    /** @description First day, inclusive; default 29 days before `to` */
                    from?: string;
                    /** @description Operators: one merchant’s figures (default: the whole platform) */
                    merchant_id?: string;
                    /** @description Last day, inclusive; default today in China */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FunnelReport"];
                        "text/csv": components["schemas"]["FunnelReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Top products
         * @description The products with the most units sold and kept (returned units taken off) on orders paid in the range, with their orders and revenue per currency. The range is China calendar days (Asia/Shanghai), at most 366; `invalid_request` (`param`: `from` or `to`) otherwise. Merchants and API keys with `orders:read` see their own figures; operators the platform’s, or one merchant’s with `merchant_id`. `format=csv` gives the same figures as a CSV (UTF-8 with a byte order mark, one revenue column per currency, decimals).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `csv`: the same figures as a CSV file */
                    format?: "json" | "csv";
                    /** @description First day, inclusive; default 29 days before `to` */
                    from?: string;
                    /** @description How many products (1–100, default 10) */
                    limit?: number;
                    /** @description Operators: one merchant’s figures (default: the whole platform) */
                    merchant_id?: string;
                    /** @description Last day, inclusive; default today in China */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProductsReport"];
                        "text/csv": components["schemas"]["ProductsReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/provinces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Orders and revenue by province
         * @description Orders paid in the range (not cancelled or refunded in full) by the destination’s ISO 3166-2 region: a province of China (CN-ZJ), an Australian state (AU-VIC), or NZ; most orders first. The range is China calendar days (Asia/Shanghai), at most 366; `invalid_request` (`param`: `from` or `to`) otherwise. Merchants and API keys with `orders:read` see their own figures; operators the platform’s, or one merchant’s with `merchant_id`. `format=csv` gives the same figures as a CSV (UTF-8 with a byte order mark, one revenue column per currency, decimals).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `csv`: the same figures as a CSV file */
                    format?: "json" | "csv";
                    /** @description First day, inclusive; default 29 days before `to` */
                    from?: string;
                    /** @description Operators: one merchant’s figures (default: the whole platform) */
                    merchant_id?: string;
                    /** @description Last day, inclusive; default today in China */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProvincesReport"];
                        "text/csv": components["schemas"]["ProvincesReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Refunds rate
         * @description Over the orders paid in the range (refunds later count against the day the order was paid), whatever their state now: orders with a refund / orders, and refunded / paid amount per currency. The range is China calendar days (Asia/Shanghai), at most 366; `invalid_request` (`param`: `from` or `to`) otherwise. Merchants and API keys with `orders:read` see their own figures; operators the platform’s, or one merchant’s with `merchant_id`. `format=csv` gives the same figures as a CSV (UTF-8 with a byte order mark, one revenue column per currency, decimals).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `csv`: the same figures as a CSV file */
                    format?: "json" | "csv";
                    /** @description First day, inclusive; default 29 days before `to` */
                    from?: string;
                    /** @description `week`: ISO weeks, Monday to Sunday in China */
                    interval?: "day" | "week";
                    /** @description Operators: one merchant’s figures (default: the whole platform) */
                    merchant_id?: string;
                    /** @description Last day, inclusive; default today in China */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RefundsReport"];
                        "text/csv": components["schemas"]["RefundsReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Revenue and orders per day or week
         * @description Orders paid in the range, except those cancelled or refunded in full; revenue is what buyers paid for the goods they kept (as in the sales report), per currency. Every day (or ISO week) of the range, empty ones included; a week at either end counts only the range’s days. The range is China calendar days (Asia/Shanghai), at most 366; `invalid_request` (`param`: `from` or `to`) otherwise. Merchants and API keys with `orders:read` see their own figures; operators the platform’s, or one merchant’s with `merchant_id`. `format=csv` gives the same figures as a CSV (UTF-8 with a byte order mark, one revenue column per currency, decimals).
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `csv`: the same figures as a CSV file */
                    format?: "json" | "csv";
                    /** @description First day, inclusive; default 29 days before `to` */
                    from?: string;
                    /** @description `week`: ISO weeks, Monday to Sunday in China */
                    interval?: "day" | "week";
                    /** @description Operators: one merchant’s figures (default: the whole platform) */
                    merchant_id?: string;
                    /** @description Last day, inclusive; default today in China */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RevenueReport"];
                        "text/csv": components["schemas"]["RevenueReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sales report: revenue per day, top products, orders by province
         * @description Over orders paid from `from` to `to` (China calendar days, Asia/Shanghai; default the last 30 days to today; at most 366 days), except those cancelled or refunded in full. Revenue is what buyers paid for the goods they kept (units returned are taken off; shipping and import tax or GST are not sales), in the currency each order was paid in, one amount per currency. Merchants and their API keys see their own sales; operators the whole platform’s, or one merchant’s with `merchant`. `invalid_request` (`param`: `from` or `to`) when `from` is after `to` or the range is too long.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `orders:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A calendar day in China (Asia/Shanghai), YYYY-MM-DD */
                    from?: string;
                    /** @description Operators: one merchant’s sales */
                    merchant?: string;
                    /** @description A calendar day in China (Asia/Shanghai), YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SalesReport"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List reservations
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "active" | "held" | "released" | "expired" | "shipped";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Reservation"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Reserve stock
         * @description Holds units for 15 minutes unless `ttl_seconds` says otherwise; expired reservations are released by a job. Never oversells: when the units are gone the answer is `409 insufficient_stock` with `available`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        location_id: string;
                        quantity: number;
                        /** @description Your reference: an order, a delivery note */
                        reference?: string;
                        ttl_seconds?: number;
                        variant_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a reservation
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a reservation
         * @description Gives the units back: available again at once. Only an active reservation: otherwise `409 invalid_state`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ship a reservation
         * @description The goods left the location: the units leave stock (a shipment movement). Only an active reservation: otherwise `409 invalid_state`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Signs in with email and password. Sets an httpOnly session cookie for the web apps and returns the same token for API clients (send it as `Authorization: Bearer …`). After 5 failed attempts in a row the account is slowed down: further attempts get 429 `too_many_attempts` with `retry_after_s`.
         *
         *     Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        /**
                         * @description staff = operator and merchant staff; shopper = storefront
                         * @enum {string}
                         */
                        realm: "staff" | "shopper";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expires_at: string;
                            id: string;
                            /** @enum {string} */
                            object: "session";
                            principal: components["schemas"]["Principal"];
                            token: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Sign out
         * @description Who may call: operator staff (any role); merchant staff (any role); shoppers.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/fees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The fee schedule
         * @description Commission per product category (basis points of the goods, each line rounded half-up) and the payment fee per charge currency, taken when escrow is released or a till is paid.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `payments:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            commission: {
                                categories: {
                                    [key: string]: number;
                                };
                                /** @description For any category without its own rate */
                                default_bps: number;
                            };
                            /** @enum {string} */
                            object: "fee_schedule";
                            payment_fees: {
                                bps: number;
                                currency: string;
                                fixed: {
                                    amount: string;
                                    currency: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/fees/commission/{category}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a category’s commission
         * @description Applies to releases from now on. The category `*` sets the rate for every category without its own.
         *
         *     Who may call: operator staff (admin, finance).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    category: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bps: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            commission: {
                                categories: {
                                    [key: string]: number;
                                };
                                /** @description For any category without its own rate */
                                default_bps: number;
                            };
                            /** @enum {string} */
                            object: "fee_schedule";
                            payment_fees: {
                                bps: number;
                                currency: string;
                                fixed: {
                                    amount: string;
                                    currency: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/fees/payment/{currency}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the payment fee of a charge currency
         * @description Who may call: operator staff (admin, finance).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    currency: "CNY" | "AUD" | "NZD";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bps: number;
                        fixed?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            commission: {
                                categories: {
                                    [key: string]: number;
                                };
                                /** @description For any category without its own rate */
                                default_bps: number;
                            };
                            /** @enum {string} */
                            object: "fee_schedule";
                            payment_fees: {
                                bps: number;
                                currency: string;
                                fixed: {
                                    amount: string;
                                    currency: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settlement/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reconciliation: ledger vs payouts vs bank
         * @description The totals the ledger, the payouts and the bank’s answers hold for a currency, and every difference: another amount confirmed, no answer after three days, a missing ledger transfer, money in transit that the open payouts do not explain.
         *
         *     Who may call: operator staff (admin, finance, support).
         *
         *     Who may call: operator staff (admin, finance, support).
         */
        get: {
            parameters: {
                query: {
                    currency: "AUD" | "NZD";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            differences: {
                                actual: string;
                                batch_id?: string;
                                expected: string;
                                /** @enum {string} */
                                kind: "amount_mismatch" | "unconfirmed" | "ledger_missing" | "in_transit_mismatch";
                                message: string;
                                payout_id?: string;
                            }[];
                            generated_at: string;
                            in_transit: {
                                amount: string;
                                currency: string;
                            };
                            /** @enum {string} */
                            object: "reconciliation";
                            totals: {
                                [key: string]: {
                                    amount: string;
                                    currency: string;
                                };
                            };
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List shipments
         * @description Newest first; merchants see their own. `order` narrows to one order’s.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    order?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Shipment"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shipments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shipment and its parcels
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shipments/{id}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The labels of a shipment’s parcels, one PDF
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `shipments:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shipping/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quote shipping for parcels
         * @description Every option from the origin to the destination region, cheapest first, with its price (in the rate card’s currency: AUD/NZD from a hub, CNY from a bonded warehouse) and delivery window. The origin is an inventory `stock_location_id` (a merchant warehouse ships through the hub serving its city or state; a bonded warehouse from its own node) or a `node_id`. Each parcel is charged on its own: chargeable weight = max(actual, L×W×H ÷ volumetric divisor) rounded up to the first band plus whole steps; fuel surcharge rounded half-up to the minor unit. Delivery dates count calendar days from the day of `at` (default now) in the destination’s time zone. No lane reaching the region: `options: []`. An origin with no node or hub: `422 origin_not_served`.
         *
         *     Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        at?: string;
                        destination: {
                            country: string;
                            /** @description ISO 3166-2: CN-ZJ, CN-SH, AU-VIC…; NZ for New Zealand */
                            region: string;
                        };
                        origin: {
                            stock_location_id: string;
                        } | {
                            node_id: string;
                        };
                        parcels: {
                            height_cm: number;
                            length_cm: number;
                            weight_g: number;
                            width_cm: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShippingQuote"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shopper/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in shopper's verified identity
         * @description Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopperIdentity"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Verify real-name identity
         * @description China cross-border rules require the buyer to be identified by real name and 18-digit resident ID number (GB 11643-1999, check character ISO 7064 MOD 11-2), and to be the payer. The number is stored encrypted and only ever shown masked.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id_number: string;
                        mobile: string;
                        real_name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopperIdentity"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shopper/quota": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your cross-border quota
         * @description How much of the RMB 26,000 a year of CBEC imports is left to you this China calendar year, counted per person across accounts, and the RMB 5,000 per-order limit. `403 identity_required` until your identity is verified.
         *
         *     Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Quota"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shoppers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up as a shopper
         * @description Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        country: "CN" | "AU" | "NZ";
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        locale?: "zh-CN" | "en";
                        name: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shopper"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your merchant's staff
         * @description Who may call: merchant staff (any role); merchant API keys with scope `staff:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `staff:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["StaffUser"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a staff member to your merchant
         * @description Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        password: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "staff";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffUser"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List staff invitations
         * @description Who may call: merchant staff (owner, manager).
         *
         *     Who may call: merchant staff (owner, manager).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["StaffInvitation"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite a staff member
         * @description Returns a one-time `token` (shown only now) for the invitee, who accepts it with `POST /v1/staff/invitations/accept` within 7 days, choosing their own name and password. Only an owner can invite an owner.
         *
         *     Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "staff";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted_at: string | null;
                            created_at: string;
                            email: string;
                            expires_at: string;
                            id: string;
                            /** @enum {string} */
                            object: "staff_invitation";
                            /** @enum {string} */
                            role: "owner" | "manager" | "staff";
                            /** @enum {string} */
                            status: "pending" | "accepted" | "revoked" | "expired";
                            token: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/invitations/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a pending invitation
         * @description Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffInvitation"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a staff invitation
         * @description Creates the staff account with the invited email and role; then sign in with `POST /v1/sessions` (realm `staff`).
         *
         *     Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffUser"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A merchant’s statement
         * @description The merchant’s balance in each currency it used over a month (`period=2026-03`) or [from, to) between two dates (`to` is the first day after; at most 366 days), in its bank’s time zone (Australia/Sydney, Pacific/Auckland): opening balance, every ledger transfer (sales, refunds, commission, fees, conversions with their rate, payouts) and the closing balance they add up to. `format=csv` gives a CSV (UTF-8 with a byte order mark), `format=pdf` an A4 PDF. Merchants and API keys with `payments:read` get their own; operators name the merchant.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         *
         *     Who may call: operator staff (admin, finance, support); merchant staff (any role); merchant API keys with scope `payments:read`.
         */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "csv" | "pdf";
                    /** @description YYYY-MM-DD, the first day */
                    from?: string;
                    merchant_id?: string;
                    /** @description A month, YYYY-MM */
                    period?: string;
                    /** @description YYYY-MM-DD, the first day after the period */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Statement"];
                        "application/pdf": components["schemas"]["Statement"];
                        "text/csv": components["schemas"]["Statement"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock-levels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stock levels
         * @description Units on hand, reserved and available per variant per location.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    location_id?: string;
                    product_id?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    variant_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["StockLevel"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock-levels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a stock level
         * @description Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockLevel"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Change a stock level’s settings
         * @description `low_stock_threshold`: an `inventory.low_stock` event is emitted once when available units fall to it (null turns it off). `buckets` (1–64): raise it before a flash sale so many buyers can reserve the variant at once.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        buckets?: number;
                        low_stock_threshold?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockLevel"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock-movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The movement ledger
         * @description Every change to stock, newest first: the sums of `on_hand_delta` and `reserved_delta` are a level’s numbers.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `inventory:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    kind?: "receipt" | "adjustment" | "reservation" | "release" | "shipment" | "return";
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    reference?: string;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    stock_level_id?: string;
                    variant_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["StockMovement"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record a receipt, adjustment or return
         * @description The only way to change units on hand (reservations and shipments go through `/v1/reservations`). A receipt or return adds units; an adjustment adds or removes them with a reason. Removing more than is available is `409 insufficient_stock`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `inventory:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "receipt" | "adjustment" | "return";
                        location_id: string;
                        /** @description Positive for receipts and returns; signed for adjustments */
                        quantity: number;
                        reason?: string;
                        /** @description Your reference: an order, a delivery note */
                        reference?: string;
                        variant_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            movement: components["schemas"]["StockMovement"];
                            stock_level: components["schemas"]["StockLevel"];
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/storefront/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the storefront
         * @description Chinese, English or pinyin: `奶粉` finds 婴儿配方奶粉, `manuka hony` finds Manuka Honey, `naifen` finds 奶粉. Only listed products of approved merchants that sell to the shopper’s country appear (`country`: shoppers in China see ANZ brands, shoppers in Australia and New Zealand see sellers in China); changes show within a second. Facet counts ignore their own filter. Prices, price filters and price facets are in the minor units of the shopper’s currency: fen (CNY) in China, cents (AUD, NZD) in Australia and New Zealand; filters and facets use indicative rates, `shown_price` the current one.
         *
         *     Public: no credentials needed.
         *
         *     Public: no credentials needed.
         */
        get: {
            parameters: {
                query?: {
                    brand?: string;
                    /** @description Comma-separated: honey, infant_formula, health_supplements, skincare_cosmetics, wine, food_beverage, mother_baby */
                    category?: string;
                    /** @description The shopper’s country: `CN` (the default) shows ANZ brands in CNY; `AU` or `NZ` shows sellers in China in AUD or NZD. Without it, a signed-in shopper’s own country is used. */
                    country?: "CN" | "AU" | "NZ";
                    country_of_origin?: string;
                    limit?: number;
                    offset?: number;
                    /** @description Minor units of the shopper’s currency (fen in China) */
                    price_max?: number;
                    /** @description Minor units of the shopper’s currency (fen in China) */
                    price_min?: number;
                    q?: string;
                    ships_from?: "bonded" | "overseas";
                    sort?: "relevance" | "price_asc" | "price_desc" | "newest";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Typos the search corrected */
                            corrections: {
                                from: string;
                                to: string;
                            }[];
                            /**
                             * @description The shopper’s country the results are for
                             * @enum {string}
                             */
                            country: "CN" | "AU" | "NZ";
                            /** @description The currency of prices, price filters and facets */
                            currency: string;
                            data: components["schemas"]["StorefrontProduct"][];
                            facets: {
                                brand: {
                                    count: number;
                                    value: string;
                                }[];
                                category: {
                                    count: number;
                                    value: string;
                                }[];
                                country_of_origin: {
                                    count: number;
                                    value: string;
                                }[];
                                price: {
                                    buckets: {
                                        count: number;
                                        from: number;
                                        to: number | null;
                                    }[];
                                    max: number | null;
                                    min: number | null;
                                };
                                ships_from: {
                                    count: number;
                                    value: string;
                                }[];
                            };
                            has_more: boolean;
                            /** @enum {string} */
                            object: "search_result";
                            total: number;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/storefront/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A product page
         * @description Only a listed product of an approved merchant that sells to the shopper’s country (`country`, as in search); anything else is 404. Prices in the shopper’s currency. Each variant carries `tax_estimate`: the tax on one unit bought on its own, before shipping, by the rules the cart and the checkout use (China: CBEC import VAT, consumption tax and tariff; Australia / New Zealand: GST at sale) and `price_with_tax`; shipping’s share of the tax is added at checkout (China’s CBEC tax is on goods + freight). And `delivery`: from each place the variant is in stock, the cheapest shipping for one unit to `region`, with the delivery dates if handed over today.
         *
         *     Public: no credentials needed.
         *
         *     Public: no credentials needed.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The shopper’s country: `CN` (the default) shows ANZ brands in CNY; `AU` or `NZ` shows sellers in China in AUD or NZD. Without it, a signed-in shopper’s own country is used. */
                    country?: "CN" | "AU" | "NZ";
                    /** @description Where delivery is estimated to, a region of the shopper’s country as in a checkout address: a province of mainland China (e.g. `CN-ZJ`), an Australian state or territory (e.g. `AU-VIC`) or `NZ`. Default: `CN-SH`, `AU-NSW`, `NZ`. Another country’s region is `invalid_region`. */
                    region?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StorefrontProductPage"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stores
         * @description A merchant’s own stores, newest first; operators see every merchant’s.
         *
         *     Who may call: operator staff (any role); merchant staff (any role).
         *
         *     Who may call: operator staff (any role); merchant staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Store"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a store
         * @description A merchant in Australia or New Zealand registers one of its shops. The time zone is the state’s (`region`, AU) or New Zealand’s unless `time_zone` gives another of the country’s. A seller in China has no shop in AU/NZ: `403 forbidden`.
         *
         *     Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Street address, e.g. `12 Degraves St` */
                        address_line: string;
                        /** @description Suburb, town or city */
                        city: string;
                        /** @enum {string} */
                        country: "AU" | "NZ";
                        name: string;
                        /** @description ISO 3166-2: the state (`AU-VIC`) for Australia, `NZ`; an Australian store needs it or `time_zone` */
                        region?: string;
                        /** @description IANA zone of the country (`Australia/Broken_Hill`, `Pacific/Chatham`); by default the state’s or New Zealand’s */
                        time_zone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Store"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stores/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a store
         * @description Who may call: operator staff (any role); merchant staff (any role).
         *
         *     Who may call: operator staff (any role); merchant staff (any role).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Store"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Update a store
         * @description Renames, re-addresses, closes (`active: false`) or reopens a store. Its country, region and time zone stay.
         *
         *     Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @description Street address, e.g. `12 Degraves St` */
                        address_line?: string;
                        /** @description Suburb, town or city */
                        city?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Store"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stores/{id}/tills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a store’s tills
         * @description Who may call: operator staff (any role); merchant staff (any role).
         *
         *     Who may call: operator staff (any role); merchant staff (any role).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Till"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a till
         * @description A till (point of sale) in an open store. Names are unique in a store: another till of the same name is `409 already_exists`.
         *
         *     Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description e.g. `Front counter` */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Till"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tax/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Landed cost: duty and tax of an order
         * @description Each line’s duty, import VAT, consumption tax or GST, the regime that applied (`cbec_retail`, `general_trade`, `au_lvg_gst`, `nz_lvg_gst`, `border`, `gst_free`) and the rule cited. Amounts in another currency than the destination’s (CN → CNY, AU → AUD, NZ → NZD) are converted at the current FX customer rate, as a payment would (rounded up), and the rates used are listed. China: an order over RMB 5,000 of dutiable price is `422 order_limit_exceeded` unless it is one indivisible item; past the RMB 26,000 annual limit it is `409 annual_quota_exceeded` (for a signed-in verified shopper, their use this year counts).
         *
         *     Public: no credentials needed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        destination: "CN" | "AU" | "NZ";
                        /** @description an order discount borne by the seller, spread over the lines */
                        discount?: {
                            amount: string;
                            /** @enum {string} */
                            currency: "CNY" | "AUD" | "NZD" | "USD";
                        };
                        freight?: {
                            amount: string;
                            /** @enum {string} */
                            currency: "CNY" | "AUD" | "NZD" | "USD";
                        };
                        insurance?: {
                            amount: string;
                            /** @enum {string} */
                            currency: "CNY" | "AUD" | "NZD" | "USD";
                        };
                        items: {
                            /** @description AU/NZ: default from the HS code or the wine tax class */
                            alcohol_or_tobacco?: boolean;
                            /** @description AU/NZ: customs value of one item, default the unit price */
                            customs_value?: {
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY" | "AUD" | "NZD" | "USD";
                            };
                            /** @description a discount on this line borne by the seller */
                            discount?: {
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY" | "AUD" | "NZD" | "USD";
                            };
                            /** @description AU: a GST-free good, e.g. basic food */
                            gst_free?: boolean;
                            /** @description 10-digit China HS code (CN: must be on the positive list) */
                            hs_code?: string;
                            /** @description CN: one item that cannot be split (the general-trade path over RMB 5,000) */
                            indivisible?: boolean;
                            quantity: number;
                            reference?: string;
                            /**
                             * @description CBEC tax class; needed when the HS code does not decide it
                             * @enum {string}
                             */
                            tax_class?: "general" | "agricultural" | "cosmetics_high_end" | "wine";
                            unit_price: {
                                amount: string;
                                /** @enum {string} */
                                currency: "CNY" | "AUD" | "NZD" | "USD";
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaxQuote"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test_helpers/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Buy from your test world as a test shopper
         * @description Test mode only (`403 livemode_not_allowed` with a live key). Makes a test shopper who buys these variants of yours the way a real shopper does — cart, checkout with locked FX quotes, landed cost (CBEC tax or GST), quota, payment from a wallet funded by the sandbox acquirer — and returns the paid orders. Shipping is the cheapest option unless `service_code` is given. China addresses: the mobile picks the sandbox customs outcome (13800000001 inspection, 13800000002 rejected, 13800000003 held; anything else clears). Send an `Idempotency-Key`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `orders:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description By default a sandbox address in the shopper’s country */
                        address?: {
                            /** @description China: the city; Australia: the suburb or town; New Zealand: the town or city */
                            city: string;
                            /** @description China: the district (required); New Zealand: the suburb */
                            district?: string;
                            mobile: string;
                            /** @description China: 6 digits (optional); Australia and New Zealand: 4 digits (required) */
                            postal_code?: string;
                            recipient: string;
                            /** @description China: the province, ISO 3166-2 (e.g. CN-ZJ); Australia: the state (e.g. AU-VIC); New Zealand: NZ */
                            region: string;
                            street: string;
                        };
                        /**
                         * @description Where the shopper lives; by default China, or Australia for a seller in China
                         * @enum {string}
                         */
                        country?: "CN" | "AU" | "NZ";
                        items: {
                            quantity: number;
                            variant_id: string;
                        }[];
                        service_code?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TestOrder"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test_helpers/shipments/{id}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Let the sandbox network deliver a test shipment now
         * @description Test mode only (`403 livemode_not_allowed` with a live key). Each parcel is received at the hub, bagged, flown and landed (as scans, without real bags or manifests), cleared by China customs in the instant sandbox — or held, inspected or rejected as the order’s sandbox mobile says — and delivered by the last mile. The same `parcel.updated`, `customs.*` and `order.delivered` events and webhooks as a live delivery follow. Parcels customs stops stay where they are. Send an `Idempotency-Key`.
         *
         *     Who may call: merchant staff (owner, manager, staff); merchant API keys with scope `shipments:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tills/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a till
         * @description A POS key reads its own till only: any other is `404`, as another merchant’s is.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:write`.
         *
         *     Who may call: operator staff (any role); merchant staff (any role); merchant API keys with scope `instore:write`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Till"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tills/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a POS key for a till
         * @description An API key with scope `instore:write`, bound to this till. The secret is in the response once and never again; the key shows in `GET /v1/api-keys` (with its `till_id`) and is revoked with `POST /v1/api-keys/:id/revoke`.
         *
         *     Who may call: merchant staff (owner, manager).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description The till’s own world: `live` for a live till, `test` for one made with a test key (the default)
                         * @enum {string}
                         */
                        mode?: "test" | "live";
                        /** @description By default “POS <store> / <till>” */
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            id: string;
                            last_used_at: string | null;
                            /** @description The merchant the key acts as: for a test key, the merchant’s test twin (docs/api.md, "Test mode") */
                            merchant_id: string;
                            /** @enum {string} */
                            mode: "test" | "live";
                            name: string;
                            /** @enum {string} */
                            object: "api_key";
                            /** @description The key with all but its prefix and last four characters hidden */
                            redacted_key: string;
                            revoked_at: string | null;
                            scopes: string[];
                            /** @description The key itself, shown only now */
                            secret: string;
                            /** @description A POS key’s till (in-store payments); null for other keys */
                            till_id: string | null;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tracking/{tracking_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Track a parcel (public)
         * @description No sign-in. The status, the destination city, the estimated delivery and the timeline; never a name, a street or an order. Milestones: `info_received` (The shipment was booked and the label printed; the parcel is still with the sender); `picked_up` (A carrier collected the parcel from the sender); `at_origin_hub` (The origin hub received the parcel); `in_bag` (The parcel was consolidated into a bag at the origin hub); `departed_origin` (The parcel’s bag left on its flight (the manifest’s master air waybill)); `arrived_destination` (The flight arrived in the destination country); `customs_submitted` (The customs declarations were submitted); `customs_held` (Customs held the parcel (inspection, or a problem with the declarations)); `customs_released` (Customs released the parcel); `out_for_delivery` (The last-mile carrier has the parcel and is delivering it); `delivered` (The parcel was delivered); `delivery_failed` (A delivery attempt failed; the carrier will try again or return it); `returned_to_sender` (The parcel went back to the sender); `exception` (Something went wrong (damage, loss, a rejected declaration); an operator looks at it).
         *
         *     Public: no credentials needed.
         *
         *     Public: no credentials needed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tracking_number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tracking"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your usage this month
         * @description This calendar month in your time zone (Australia/Sydney, Pacific/Auckland, Asia/Shanghai): each metric used against what your plan includes, the overage so far and the invoice it would make now. API calls by test-mode keys are counted apart and never billed.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `merchant:read`.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `merchant:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Usage"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/variants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update a variant
         * @description Only the fields sent change. Returns the whole product.
         *
         *     Who may call: merchant staff (any role); merchant API keys with scope `products:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Alcohol or tobacco: outside the AU/NZ low-value GST regime, taxed at the border rather than at sale. Default false. For sellers in China. */
                        alcohol_or_tobacco?: boolean;
                        /** @description A fixed price for shoppers in China (ANZ merchants only: a merchant in China prices in CNY already) */
                        cny_price?: {
                            /** @description Minor units as a string (docs/api.md) */
                            amount: string;
                            /** @enum {string} */
                            currency: "CNY";
                        } | null;
                        /** @description Quantity in the declared unit per unit sold */
                        declared_quantity?: string | null;
                        /** @description China customs unit code for the declaration */
                        declared_unit?: ("007" | "011" | "035" | "036" | "095" | "096") | null;
                        dimensions_mm?: {
                            height: number;
                            length: number;
                            width: number;
                        } | null;
                        gross_weight_g?: number | null;
                        /** @description GST-free goods in Australia (e.g. basic food): no GST is charged at sale to shoppers in Australia. Default false. For sellers in China. */
                        gst_free?: boolean;
                        /** @description GTIN-8/12/13/14 (EAN/UPC barcode), check digit validated */
                        gtin?: string | null;
                        /** @description HS code: the 10-digit China code for ANZ merchants; 6–10 digits (the HS subheading at least) for merchants in China */
                        hs_code?: string | null;
                        net_weight_g?: number | null;
                        /** @description e.g. { "size": "900g" } */
                        options?: {
                            [key: string]: string;
                        };
                        price?: {
                            /** @description Minor units as a string (docs/api.md) */
                            amount: string;
                            /** @description The merchant's currency: AUD, NZD, or CNY for a merchant in China */
                            currency: string;
                        };
                        /** @description Unique among the merchant’s variants */
                        sku?: string;
                        /** @description CBEC tax class: its statutory VAT and consumption-tax rates */
                        tax_class?: ("general" | "agricultural" | "cosmetics_high_end" | "wine") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your wallet
         * @description In your home currency: CNY for shoppers in China, AUD/NZD in Australia/New Zealand. A shopper in China can top it up and pay from it once their identity is verified (`identity_verified`; China’s real-name rule for cross-border e-commerce payments); shoppers in Australia/New Zealand need no Chinese identity (`identity_required` false).
         *
         *     Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: {
                                amount: string;
                                currency: string;
                            };
                            balance: {
                                amount: string;
                                currency: string;
                            };
                            currency: string;
                            /** @description Whether a verified real-name identity is needed to top up and pay: true for shoppers in China only */
                            identity_required: boolean;
                            identity_verified: boolean;
                            /** @enum {string} */
                            object: "wallet";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/instore/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your in-store payments
         * @description Newest first; `status=requires_confirmation` lists those waiting for you.
         *
         *     Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "requires_payment" | "requires_confirmation" | "succeeded" | "expired" | "canceled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WalletInstorePayment"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/instore/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your in-store payments
         * @description Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WalletInstorePayment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/instore/payments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay or confirm an in-store payment
         * @description Pays a scanned request (`requires_payment`, at the quote from the scan or one locked now), or confirms a code payment above your no-confirmation limit (`requires_confirmation`, at the CNY the till showed). Short of funds: `402 insufficient_funds`.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        quote_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WalletInstorePayment"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/instore/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Scan a till’s QR
         * @description What the QR asks you to pay: the shop, the amount in its currency and in CNY at a quote locked for you (pay with its `quote.id` before it expires). An expired request is `409 payment_expired`, a paid one `409 already_paid`, a QR not made by Tasman `400 invalid_qr`.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The QR’s text, `tasman://pay/isp_…?e=…&a=…&c=…&s=…` */
                        payload: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstorePaymentPreview"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/payment-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your payment code
         * @description The code to show a till (付款码): 18 digits that change every minute and pay once. For a CNY wallet whose owner verified their identity.
         *
         *     Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentCode"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/payment-code.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your payment code as an image (PNG)
         * @description The current code as a Code 128 barcode (default) or a QR code, for the till’s scanner.
         *
         *     Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: {
                    symbology?: "code128" | "qrcode";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/payment-code/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set your no-confirmation limit
         * @description Code payments up to this CNY amount go through without confirming in the wallet; above it you confirm each. 0 or null: confirm every one. At most 1000 CNY.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        no_confirmation_limit: {
                            amount: string;
                            /** @enum {string} */
                            currency: "CNY";
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The code as a barcode (`?symbology=code128`, default) or a QR (`?symbology=qrcode`), PNG */
                            image_url: string;
                            max_no_confirmation_limit: {
                                amount: string;
                                currency: string;
                            };
                            /** @description Code payments up to this (CNY) need no confirmation; null: every one is confirmed */
                            no_confirmation_limit: {
                                amount: string;
                                currency: string;
                            } | null;
                            /** @enum {string} */
                            object: "payment_code_settings";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your wallet statement
         * @description Money in (`credit`) and out (`debit`), newest first.
         *
         *     Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: {
                                    amount: string;
                                    currency: string;
                                };
                                created_at: string;
                                /** @enum {string} */
                                direction: "credit" | "debit";
                                id: string;
                                /** @enum {string} */
                                object: "wallet_entry";
                                reference: {
                                    id: string;
                                    type: string;
                                } | null;
                                status: string;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/top-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your top-ups
         * @description Who may call: shoppers.
         *
         *     Who may call: shoppers.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TopUp"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Top up your wallet by card
         * @description In your wallet’s currency (`amount` in its minor units: CNY, or AUD/NZD for shoppers in Australia/New Zealand). Shoppers in China verify their identity first (`403 identity_required`); shoppers in Australia/New Zealand need no Chinese identity. The card is authorised by the acquirer (the `sandbox` acquirer takes its documented test cards). An authorised top-up is `processing` until the acquirer confirms the charge by webhook, then `succeeded` and credited. Some cards need the issuer’s check first (`requires_challenge`: answer with `POST /v1/wallet/top-ups/:id/challenge`). A declined card is `402 card_declined` with a `decline_code`. The card number is never stored: only brand and last four.
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: string;
                        card: {
                            cvc: string;
                            exp_month: number;
                            exp_year: number;
                            holder_name?: string;
                            number: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TopUp"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/top-ups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A top-up
         * @description Who may call: operator staff (admin, finance, support); shoppers.
         *
         *     Who may call: operator staff (admin, finance, support); shoppers.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TopUp"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/top-ups/{id}/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer the card issuer’s check
         * @description The one-time code for a top-up in `requires_challenge` (sandbox: `123456`). A wrong code is `402 card_declined` (`challenge_failed`).
         *
         *     Who may call: shoppers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TopUp"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook delivery with its attempt log
         * @description Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a delivery
         * @description Sends it again soon (by the delivery job, not in this request), whatever its status, with a fresh retry window. The receiver sees the same event id: receivers should treat deliveries as at-least-once.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Webhook endpoints
         * @description Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookEndpoint"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a webhook endpoint
         * @description An https URL that is not on a private, loopback or link-local address (checked again at every delivery), the event types to deliver (`["*"]` for all). The answer carries the signing secret, once. Accepts an Idempotency-Key.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        event_types: string[];
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook endpoint
         * @description Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Change a webhook endpoint
         * @description Change the URL, event types or description; `disabled: true` stops deliveries, `disabled: false` starts them again (also after the platform disabled a failing endpoint) and forgets its failures.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        disabled?: boolean;
                        event_types?: string[];
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Delete a webhook endpoint
         * @description With its deliveries and their log.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            deleted: true;
                            id: string;
                            /** @enum {string} */
                            object: "webhook_endpoint";
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint’s deliveries
         * @description Newest first; filter by `status` or `event_id`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An object id: return the objects before it in the list */
                    ending_before?: string;
                    event_id?: string;
                    /** @description How many objects to return, 1 to 100 */
                    limit?: number;
                    /** @description An object id: return the objects after it in the list */
                    starting_after?: string;
                    status?: "pending" | "succeeded" | "failed";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookDelivery"][];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                            url: string;
                        };
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/roll-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll an endpoint’s signing secret
         * @description A new secret, shown once. With `overlap_hours`, deliveries carry a second `v1` signature under the old secret until then, so the receiver can switch without refusing any.
         *
         *     Who may call: merchant staff (owner, manager); merchant API keys with scope `webhooks:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 0 */
                        overlap_hours?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Error */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            created_at: string;
            id: string;
            last_used_at: string | null;
            /** @description The merchant the key acts as: for a test key, the merchant’s test twin (docs/api.md, "Test mode") */
            merchant_id: string;
            /** @enum {string} */
            mode: "test" | "live";
            name: string;
            /** @constant */
            object: "api_key";
            /** @description The key with all but its prefix and last four characters hidden */
            redacted_key: string;
            revoked_at: string | null;
            scopes: string[];
            /** @description A POS key’s till (in-store payments); null for other keys */
            till_id: string | null;
        };
        ApiKeyInput: {
            created_at: string;
            id: string;
            last_used_at: string | null;
            /** @description The merchant the key acts as: for a test key, the merchant’s test twin (docs/api.md, "Test mode") */
            merchant_id: string;
            /** @enum {string} */
            mode: "test" | "live";
            name: string;
            /** @constant */
            object: "api_key";
            /** @description The key with all but its prefix and last four characters hidden */
            redacted_key: string;
            revoked_at: string | null;
            scopes: string[];
            /** @description A POS key’s till (in-store payments); null for other keys */
            till_id: string | null;
        };
        AuditEvent: {
            action: string;
            actor_id: string | null;
            actor_kind: string;
            at: string;
            data: {
                [key: string]: unknown;
            };
            id: string;
            merchant_id: string | null;
            /** @constant */
            object: "audit_event";
            object_id: string;
            object_type: string;
            request_id: string | null;
        };
        AuditEventInput: {
            action: string;
            actor_id: string | null;
            actor_kind: string;
            at: string;
            data: {
                [key: string]: unknown;
            };
            id: string;
            merchant_id: string | null;
            /** @constant */
            object: "audit_event";
            object_id: string;
            object_type: string;
            request_id: string | null;
        };
        Bag: {
            closed_at: string | null;
            created_at: string;
            destination_country: string;
            id: string;
            manifest_id: string | null;
            /** @constant */
            object: "bag";
            origin_node_id: string;
            parcel_count: number;
            parcels?: components["schemas"]["Parcel"][];
            /** @enum {string} */
            status: "open" | "closed" | "departed" | "arrived";
            weight_g: number;
        };
        BagInput: {
            closed_at: string | null;
            created_at: string;
            destination_country: string;
            id: string;
            manifest_id: string | null;
            /** @constant */
            object: "bag";
            origin_node_id: string;
            parcel_count: number;
            parcels?: components["schemas"]["ParcelInput"][];
            /** @enum {string} */
            status: "open" | "closed" | "departed" | "arrived";
            weight_g: number;
        };
        Cart: {
            currency: string;
            groups: {
                lines: {
                    available: number;
                    issue: ("unavailable" | "insufficient_stock" | "not_sold_to_you") | null;
                    line_total: {
                        amount: string;
                        currency: string;
                    };
                    name: {
                        en: string;
                        "zh-Hans": string;
                    };
                    options: {
                        [key: string]: string;
                    };
                    product_id: string;
                    quantity: number;
                    sku: string;
                    /** @description China: the CBEC import tax on the line’s goods; Australia/New Zealand: the GST at sale. The shipping’s share is added at checkout */
                    tax: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description The catalog price, in the merchant’s currency */
                    unit_price: {
                        amount: string;
                        currency: string;
                    };
                    /** @description What you pay per unit in your currency at the current rate, before tax and shipping */
                    unit_price_shown: {
                        amount: string;
                        currency: string;
                    };
                    variant_id: string;
                }[];
                merchant: {
                    id: string;
                    name: string;
                };
                subtotal: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                /** @description Why no tax could be estimated, e.g. the lines are over the RMB 5,000 order limit */
                tax_notice: string | null;
            }[];
            id: string | null;
            /** @constant */
            object: "cart";
            /** @description Every line is listed and in stock: the cart can be checked out */
            purchasable: boolean;
            subtotal: {
                amount: string;
                currency: string;
            };
            /** @description The lines’ tax, itemised on each line */
            tax: {
                amount: string;
                currency: string;
            };
            /** @description Goods with tax: what the cart costs before shipping */
            total_with_tax: {
                amount: string;
                currency: string;
            };
            updated_at: string | null;
        };
        CartInput: {
            currency: string;
            groups: {
                lines: {
                    available: number;
                    issue: ("unavailable" | "insufficient_stock" | "not_sold_to_you") | null;
                    line_total: {
                        amount: string;
                        currency: string;
                    };
                    name: {
                        en: string;
                        "zh-Hans": string;
                    };
                    options: {
                        [key: string]: string;
                    };
                    product_id: string;
                    quantity: number;
                    sku: string;
                    /** @description China: the CBEC import tax on the line’s goods; Australia/New Zealand: the GST at sale. The shipping’s share is added at checkout */
                    tax: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description The catalog price, in the merchant’s currency */
                    unit_price: {
                        amount: string;
                        currency: string;
                    };
                    /** @description What you pay per unit in your currency at the current rate, before tax and shipping */
                    unit_price_shown: {
                        amount: string;
                        currency: string;
                    };
                    variant_id: string;
                }[];
                merchant: {
                    id: string;
                    name: string;
                };
                subtotal: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                /** @description Why no tax could be estimated, e.g. the lines are over the RMB 5,000 order limit */
                tax_notice: string | null;
            }[];
            id: string | null;
            /** @constant */
            object: "cart";
            /** @description Every line is listed and in stock: the cart can be checked out */
            purchasable: boolean;
            subtotal: {
                amount: string;
                currency: string;
            };
            /** @description The lines’ tax, itemised on each line */
            tax: {
                amount: string;
                currency: string;
            };
            /** @description Goods with tax: what the cart costs before shipping */
            total_with_tax: {
                amount: string;
                currency: string;
            };
            updated_at: string | null;
        };
        Checkout: {
            address: {
                city: string;
                country: string;
                district: string | null;
                mobile: string;
                postal_code: string | null;
                recipient: string;
                region: string;
                street: string;
            };
            created_at: string;
            currency: string;
            expires_at: string;
            fx: {
                [key: string]: {
                    expires_at: string;
                    quote_id: string;
                    rate: string;
                };
            };
            id: string;
            /** @constant */
            object: "checkout";
            /** @description Once paid (`completed`): the orders it became, in the order of `orders` */
            order_ids: string[];
            orders: {
                lines: {
                    alcohol_or_tobacco: boolean;
                    gst_free: boolean;
                    name: {
                        en: string;
                        "zh-Hans": string;
                    };
                    product_id: string;
                    quantity: number;
                    reservation_id: string;
                    sku: string;
                    tax_class: string;
                    unit_price: {
                        amount: string;
                        currency: string;
                    };
                    /** @description What you pay per unit, in your currency, at the locked rate */
                    unit_price_shown: {
                        amount: string;
                        currency: string;
                    };
                    variant_id: string;
                }[];
                merchant: {
                    id: string;
                    name: string;
                };
                origin: {
                    /** @enum {string} */
                    kind: "bonded_warehouse" | "merchant_warehouse";
                    location_id: string;
                    /** @enum {string} */
                    mode: "1210" | "9610" | "export";
                };
                parcel: {
                    height_cm: number;
                    length_cm: number;
                    weight_g: number;
                    width_cm: number;
                };
                shipping: {
                    estimated_delivery: {
                        earliest: string;
                        latest: string;
                    };
                    mode: string;
                    name: string;
                    options: {
                        estimated_delivery: {
                            earliest: string;
                            latest: string;
                        };
                        name: string;
                        price: {
                            amount: string;
                            currency: string;
                        };
                        price_shown: {
                            amount: string;
                            currency: string;
                        };
                        service_code: string;
                    }[];
                    /** @description In the carrier’s currency */
                    price: {
                        amount: string;
                        currency: string;
                    };
                    /** @description In your currency, at the locked rate */
                    price_shown: {
                        amount: string;
                        currency: string;
                    };
                    service_code: string;
                };
                tax: {
                    consumption_tax: {
                        amount: string;
                        currency: string;
                    };
                    dutiable: {
                        amount: string;
                        currency: string;
                    };
                    /** @description AU/NZ: the platform’s GST registration number (ABN / IRD number) */
                    gst_registration?: string | null;
                    lines: {
                        dutiable: {
                            amount: string;
                            currency: string;
                        };
                        effective_rate: string;
                        tax: {
                            amount: string;
                            currency: string;
                        };
                        variant_id: string;
                    }[];
                    regime: string;
                    rule: string;
                    tariff: {
                        amount: string;
                        currency: string;
                    };
                    tax: {
                        amount: string;
                        currency: string;
                    };
                    vat: {
                        amount: string;
                        currency: string;
                    };
                };
                totals: {
                    goods: {
                        amount: string;
                        currency: string;
                    };
                    shipping: {
                        amount: string;
                        currency: string;
                    };
                    tax: {
                        amount: string;
                        currency: string;
                    };
                    total: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
            /** @description China: your CBEC annual quota, what this checkout uses and what remains */
            quota: {
                limit: {
                    amount: string;
                    currency: string;
                };
                remaining_after: {
                    amount: string;
                    currency: string;
                };
                this_checkout: {
                    amount: string;
                    currency: string;
                };
                used: {
                    amount: string;
                    currency: string;
                };
                year: number;
            } | null;
            /** @enum {string} */
            status: "open" | "completed" | "expired" | "cancelled";
            totals: {
                goods: {
                    amount: string;
                    currency: string;
                };
                shipping: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                total: {
                    amount: string;
                    currency: string;
                };
            };
        };
        CheckoutInput: {
            address: {
                city: string;
                country: string;
                district: string | null;
                mobile: string;
                postal_code: string | null;
                recipient: string;
                region: string;
                street: string;
            };
            created_at: string;
            currency: string;
            expires_at: string;
            fx: {
                [key: string]: {
                    expires_at: string;
                    quote_id: string;
                    rate: string;
                };
            };
            id: string;
            /** @constant */
            object: "checkout";
            /** @description Once paid (`completed`): the orders it became, in the order of `orders` */
            order_ids: string[];
            orders: {
                lines: {
                    alcohol_or_tobacco: boolean;
                    gst_free: boolean;
                    name: {
                        en: string;
                        "zh-Hans": string;
                    };
                    product_id: string;
                    quantity: number;
                    reservation_id: string;
                    sku: string;
                    tax_class: string;
                    unit_price: {
                        amount: string;
                        currency: string;
                    };
                    /** @description What you pay per unit, in your currency, at the locked rate */
                    unit_price_shown: {
                        amount: string;
                        currency: string;
                    };
                    variant_id: string;
                }[];
                merchant: {
                    id: string;
                    name: string;
                };
                origin: {
                    /** @enum {string} */
                    kind: "bonded_warehouse" | "merchant_warehouse";
                    location_id: string;
                    /** @enum {string} */
                    mode: "1210" | "9610" | "export";
                };
                parcel: {
                    height_cm: number;
                    length_cm: number;
                    weight_g: number;
                    width_cm: number;
                };
                shipping: {
                    estimated_delivery: {
                        earliest: string;
                        latest: string;
                    };
                    mode: string;
                    name: string;
                    options: {
                        estimated_delivery: {
                            earliest: string;
                            latest: string;
                        };
                        name: string;
                        price: {
                            amount: string;
                            currency: string;
                        };
                        price_shown: {
                            amount: string;
                            currency: string;
                        };
                        service_code: string;
                    }[];
                    /** @description In the carrier’s currency */
                    price: {
                        amount: string;
                        currency: string;
                    };
                    /** @description In your currency, at the locked rate */
                    price_shown: {
                        amount: string;
                        currency: string;
                    };
                    service_code: string;
                };
                tax: {
                    consumption_tax: {
                        amount: string;
                        currency: string;
                    };
                    dutiable: {
                        amount: string;
                        currency: string;
                    };
                    /** @description AU/NZ: the platform’s GST registration number (ABN / IRD number) */
                    gst_registration?: string | null;
                    lines: {
                        dutiable: {
                            amount: string;
                            currency: string;
                        };
                        effective_rate: string;
                        tax: {
                            amount: string;
                            currency: string;
                        };
                        variant_id: string;
                    }[];
                    regime: string;
                    rule: string;
                    tariff: {
                        amount: string;
                        currency: string;
                    };
                    tax: {
                        amount: string;
                        currency: string;
                    };
                    vat: {
                        amount: string;
                        currency: string;
                    };
                };
                totals: {
                    goods: {
                        amount: string;
                        currency: string;
                    };
                    shipping: {
                        amount: string;
                        currency: string;
                    };
                    tax: {
                        amount: string;
                        currency: string;
                    };
                    total: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
            /** @description China: your CBEC annual quota, what this checkout uses and what remains */
            quota: {
                limit: {
                    amount: string;
                    currency: string;
                };
                remaining_after: {
                    amount: string;
                    currency: string;
                };
                this_checkout: {
                    amount: string;
                    currency: string;
                };
                used: {
                    amount: string;
                    currency: string;
                };
                year: number;
            } | null;
            /** @enum {string} */
            status: "open" | "completed" | "expired" | "cancelled";
            totals: {
                goods: {
                    amount: string;
                    currency: string;
                };
                shipping: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                total: {
                    amount: string;
                    currency: string;
                };
            };
        };
        CustomsDeclaration: {
            created_at: string;
            gateway: string;
            id: string;
            merchant_id: string;
            messages: {
                /** @enum {string} */
                kind: "CEB311" | "CEB411" | "CEB511" | "CEB621";
                url: string;
            }[];
            mismatches: {
                code: string;
                field: string;
                message: string;
            }[];
            /** @constant */
            object: "customs_declaration";
            order_id: string;
            reason: string | null;
            receipts: {
                at: string;
                kind: string;
                reason: string | null;
                status: string;
            }[];
            released_at: string | null;
            /**
             * @description held (three-document mismatch) · ready · submitted · accepted · inspection · released · rejected
             * @enum {string}
             */
            status: "held" | "ready" | "submitted" | "accepted" | "inspection" | "released" | "rejected";
            submitted_at: string | null;
            /** @enum {string} */
            trade_mode: "1210" | "9610";
            updated_at: string;
        };
        CustomsDeclarationInput: {
            created_at: string;
            gateway: string;
            id: string;
            merchant_id: string;
            messages: {
                /** @enum {string} */
                kind: "CEB311" | "CEB411" | "CEB511" | "CEB621";
                url: string;
            }[];
            mismatches: {
                code: string;
                field: string;
                message: string;
            }[];
            /** @constant */
            object: "customs_declaration";
            order_id: string;
            reason: string | null;
            receipts: {
                at: string;
                kind: string;
                reason: string | null;
                status: string;
            }[];
            released_at: string | null;
            /**
             * @description held (three-document mismatch) · ready · submitted · accepted · inspection · released · rejected
             * @enum {string}
             */
            status: "held" | "ready" | "submitted" | "accepted" | "inspection" | "released" | "rejected";
            submitted_at: string | null;
            /** @enum {string} */
            trade_mode: "1210" | "9610";
            updated_at: string;
        };
        /** @description What China customs takes from the payment company for this order (CEB411): transaction id, payer name and masked ID number (`payer_id_type` 1 = resident ID), amount in decimal yuan, currency and its customs code (142 = CNY), and the payment time (`pay_time`, yyyyMMddHHmmss China time). */
        CustomsPaymentData: {
            amount: string;
            currency: string;
            currency_code: string;
            order_reference: string;
            paid_at: string;
            pay_time: string;
            payer_id_number: string;
            /** @constant */
            payer_id_type: "1";
            payer_name: string;
            payment_company_code: string;
            payment_company_name: string;
            transaction_id: string;
        };
        /** @description What China customs takes from the payment company for this order (CEB411): transaction id, payer name and masked ID number (`payer_id_type` 1 = resident ID), amount in decimal yuan, currency and its customs code (142 = CNY), and the payment time (`pay_time`, yyyyMMddHHmmss China time). */
        CustomsPaymentDataInput: {
            amount: string;
            currency: string;
            currency_code: string;
            order_reference: string;
            paid_at: string;
            pay_time: string;
            payer_id_number: string;
            /** @constant */
            payer_id_type: "1";
            payer_name: string;
            payment_company_code: string;
            payment_company_name: string;
            transaction_id: string;
        };
        DeliveryTimesReport: {
            from: string;
            lanes: {
                destination_country: string | null;
                orders: number;
                origin: {
                    kind: string;
                    location_id: string;
                    name: string | null;
                };
                paid_to_delivered: {
                    average_hours: number;
                    p50_hours: number;
                };
                service_code: string | null;
                service_name: string | null;
                shipped_to_delivered: {
                    average_hours: number;
                    p50_hours: number;
                } | null;
            }[];
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "delivery_times_report";
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        DeliveryTimesReportInput: {
            from: string;
            lanes: {
                destination_country: string | null;
                orders: number;
                origin: {
                    kind: string;
                    location_id: string;
                    name: string | null;
                };
                paid_to_delivered: {
                    average_hours: number;
                    p50_hours: number;
                };
                service_code: string | null;
                service_name: string | null;
                shipped_to_delivered: {
                    average_hours: number;
                    p50_hours: number;
                } | null;
            }[];
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "delivery_times_report";
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        Error: {
            error: {
                /**
                 * @description Stable, machine-readable
                 * @enum {string}
                 */
                code: "invalid_json" | "invalid_request" | "invalid_cursor" | "invalid_id_number" | "invalid_mobile" | "invalid_name" | "weak_password" | "invalid_amount" | "invalid_abn" | "invalid_nzbn" | "invalid_uscc" | "invalid_bank_account" | "invalid_gtin" | "invalid_hs_code" | "invalid_samr_registration" | "invalid_image" | "exceeds_pending_amount" | "invalid_file" | "invalid_csv" | "invalid_signature" | "invalid_region" | "invalid_tracking_number" | "payment_code_invalid" | "payment_code_expired" | "invalid_qr" | "invalid_webhook_url" | "unknown_event_type" | "card_declined" | "insufficient_funds" | "refund_exceeds_payment" | "unsupported_currency" | "currency_mismatch" | "unsupported_media_type" | "body_too_large" | "authentication_required" | "invalid_credentials" | "invalid_api_key" | "session_expired" | "forbidden" | "livemode_not_allowed" | "testmode_not_allowed" | "identity_required" | "identity_mismatch" | "merchant_not_approved" | "insufficient_scope" | "not_found" | "route_not_found" | "method_not_allowed" | "already_exists" | "invalid_state" | "same_operator" | "identity_already_verified" | "insufficient_stock" | "cart_not_purchasable" | "exceeds_credits" | "exceeds_debits" | "transfer_exists" | "pending_transfer_closed" | "pending_transfer_expired" | "quote_expired" | "checkout_expired" | "return_window_closed" | "rate_unavailable" | "annual_quota_exceeded" | "lane_overlap" | "invalid_scan" | "payment_code_used" | "payment_expired" | "already_paid" | "listing_blocked" | "no_shipping_option" | "order_limit_exceeded" | "not_sold_to_you" | "origin_not_served" | "webhook_target_not_allowed" | "idempotency_key_in_use" | "idempotency_key_reused" | "rate_limited" | "too_many_attempts" | "internal_error" | "service_unavailable";
                /** @description For people; may change */
                message: string;
                /** @description The offending field, as a dot path */
                param?: string;
                request_id: string;
                /** @enum {string} */
                type: "invalid_request_error" | "card_error" | "authentication_error" | "permission_error" | "not_found_error" | "conflict_error" | "idempotency_error" | "rate_limit_error" | "api_error";
            };
        };
        Event: {
            created_at: string;
            data: {
                [key: string]: unknown;
            };
            id: string;
            /** @description False for an event of the test world (made with an `sk_test_` key) */
            livemode: boolean;
            merchant_id: string | null;
            /** @constant */
            object: "event";
            /** @enum {string} */
            type: "inventory.low_stock" | "top_up.succeeded" | "payment_intent.created" | "payment_intent.canceled" | "payment.succeeded" | "escrow.released" | "payout.sent" | "payout.paid" | "payout.failed" | "refund.succeeded" | "order.paid" | "order.fulfilling" | "order.shipped" | "order.delivered" | "order.completed" | "order.cancelled" | "order.refunded" | "order.return_requested" | "order.return_approved" | "order.return_rejected" | "order.returned" | "shipment.created" | "parcel.updated" | "customs.held" | "customs.released" | "customs.rejected" | "instore_payment.succeeded" | "instore_refund.succeeded" | "webhook_endpoint.disabled";
        };
        EventInput: {
            created_at: string;
            data: {
                [key: string]: unknown;
            };
            id: string;
            /** @description False for an event of the test world (made with an `sk_test_` key) */
            livemode: boolean;
            merchant_id: string | null;
            /** @constant */
            object: "event";
            /** @enum {string} */
            type: "inventory.low_stock" | "top_up.succeeded" | "payment_intent.created" | "payment_intent.canceled" | "payment.succeeded" | "escrow.released" | "payout.sent" | "payout.paid" | "payout.failed" | "refund.succeeded" | "order.paid" | "order.fulfilling" | "order.shipped" | "order.delivered" | "order.completed" | "order.cancelled" | "order.refunded" | "order.return_requested" | "order.return_approved" | "order.return_rejected" | "order.returned" | "shipment.created" | "parcel.updated" | "customs.held" | "customs.released" | "customs.rejected" | "instore_payment.succeeded" | "instore_refund.succeeded" | "webhook_endpoint.disabled";
        };
        FunnelReport: {
            carts: number;
            from: string;
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "funnel_report";
            orders: number;
            products: {
                carts: number;
                name: {
                    en: string;
                    "zh-Hans": string;
                } | null;
                orders: number;
                product_id: string;
                views: number;
            }[];
            rates: {
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                cart_to_order: number | null;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                view_to_cart: number | null;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                view_to_order: number | null;
            };
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
            views: number;
        };
        FunnelReportInput: {
            carts: number;
            from: string;
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "funnel_report";
            orders: number;
            products: {
                carts: number;
                name: {
                    en: string;
                    "zh-Hans": string;
                } | null;
                orders: number;
                product_id: string;
                views: number;
            }[];
            rates: {
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                cart_to_order: number | null;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                view_to_cart: number | null;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                view_to_order: number | null;
            };
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
            views: number;
        };
        FxQuote: {
            base: string;
            created_at: string;
            expires_at: string;
            id: string;
            mid: string;
            /** @constant */
            object: "fx_quote";
            quote: string;
            /** @description The locked customer rate: mid less the spread, rounded down at 10 decimals */
            rate: string;
            spread_bps: number;
        };
        FxQuoteInput: {
            base: string;
            created_at: string;
            expires_at: string;
            id: string;
            mid: string;
            /** @constant */
            object: "fx_quote";
            quote: string;
            /** @description The locked customer rate: mid less the spread, rounded down at 10 decimals */
            rate: string;
            spread_bps: number;
        };
        FxRate: {
            base: string;
            created_at: string;
            effective_at: string;
            id: string;
            /** @description One unit of base buys this many units of quote */
            mid: string;
            /** @constant */
            object: "fx_rate";
            quote: string;
            source: string;
            spread_bps: number;
        };
        FxRateInput: {
            base: string;
            created_at: string;
            effective_at: string;
            id: string;
            /** @description One unit of base buys this many units of quote */
            mid: string;
            /** @constant */
            object: "fx_rate";
            quote: string;
            source: string;
            spread_bps: number;
        };
        Image: {
            alt: {
                [key: string]: string;
            };
            bytes: number;
            content_type: string;
            height: number;
            id: string;
            /** @constant */
            object: "image";
            position: number;
            urls: {
                original: string;
                w200: string;
                w800: string;
            };
            width: number;
        };
        ImageInput: {
            alt: {
                [key: string]: string;
            };
            bytes: number;
            content_type: string;
            height: number;
            id: string;
            /** @constant */
            object: "image";
            position: number;
            urls: {
                original: string;
                w200: string;
                w800: string;
            };
            width: number;
        };
        Import: {
            created_at: string;
            dry_run: boolean;
            error_count: number;
            /** @description The first 100 errors; all of them (up to 10,000) in errors.csv */
            errors: {
                code: string;
                field: string;
                message: string;
                row: number;
            }[];
            filename: string | null;
            finished_at: string | null;
            id: string;
            /** @enum {string} */
            mode: "all_or_nothing" | "valid_rows";
            /** @constant */
            object: "import";
            progress: {
                rows_done: number;
                rows_total: number;
            };
            started_at: string | null;
            /**
             * @description queued → running → succeeded | failed (all_or_nothing with bad rows, or an unreadable file)
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /** @description What was written (a dry run: what would be) */
            summary: {
                products_created: number;
                products_updated: number;
                stock_levels_set: number;
                variants_created: number;
                variants_updated: number;
            } | null;
        };
        ImportInput: {
            created_at: string;
            dry_run: boolean;
            error_count: number;
            /** @description The first 100 errors; all of them (up to 10,000) in errors.csv */
            errors: {
                code: string;
                field: string;
                message: string;
                row: number;
            }[];
            filename: string | null;
            finished_at: string | null;
            id: string;
            /** @enum {string} */
            mode: "all_or_nothing" | "valid_rows";
            /** @constant */
            object: "import";
            progress: {
                rows_done: number;
                rows_total: number;
            };
            started_at: string | null;
            /**
             * @description queued → running → succeeded | failed (all_or_nothing with bad rows, or an unreadable file)
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /** @description What was written (a dry run: what would be) */
            summary: {
                products_created: number;
                products_updated: number;
                stock_levels_set: number;
                variants_created: number;
                variants_updated: number;
            } | null;
        };
        InboundShipment: {
            created_at: string;
            from_location_id: string;
            id: string;
            lines: {
                quantity: number;
                received_quantity: number | null;
                sku: string;
                variant_id: string;
            }[];
            merchant_id: string;
            /** @constant */
            object: "inbound_shipment";
            received_at: string | null;
            reference: string | null;
            /** @enum {string} */
            status: "in_transit" | "received" | "cancelled";
            to_location_id: string;
        };
        InboundShipmentInput: {
            created_at: string;
            from_location_id: string;
            id: string;
            lines: {
                quantity: number;
                received_quantity: number | null;
                sku: string;
                variant_id: string;
            }[];
            merchant_id: string;
            /** @constant */
            object: "inbound_shipment";
            received_at: string | null;
            reference: string | null;
            /** @enum {string} */
            status: "in_transit" | "received" | "cancelled";
            to_location_id: string;
        };
        InstoreDailyReport: {
            /** @constant */
            object: "instore_daily_report";
            stores: {
                currency: string;
                /** @description The business day, in the store’s time zone */
                date: string;
                from: string;
                name: string;
                store_id: string;
                tills: {
                    /** @description Commission on the day’s payments less what the day’s refunds gave back (CNY) */
                    commission: {
                        amount: string;
                        currency: string;
                    };
                    fees: {
                        amount: string;
                        currency: string;
                    };
                    gross: {
                        amount: string;
                        currency: string;
                    };
                    gross_cny: {
                        amount: string;
                        currency: string;
                    };
                    name: string;
                    net: {
                        amount: string;
                        currency: string;
                    };
                    net_cny: {
                        amount: string;
                        currency: string;
                    };
                    payments: number;
                    refunded: {
                        amount: string;
                        currency: string;
                    };
                    refunded_cny: {
                        amount: string;
                        currency: string;
                    };
                    refunds: number;
                    till_id: string;
                    /** @description net_cny − commission − fees: what the day added to the merchant’s CNY balance */
                    to_merchant_balance: {
                        amount: string;
                        currency: string;
                    };
                }[];
                time_zone: string;
                to: string;
                totals: {
                    /** @description Commission on the day’s payments less what the day’s refunds gave back (CNY) */
                    commission: {
                        amount: string;
                        currency: string;
                    };
                    fees: {
                        amount: string;
                        currency: string;
                    };
                    gross: {
                        amount: string;
                        currency: string;
                    };
                    gross_cny: {
                        amount: string;
                        currency: string;
                    };
                    net: {
                        amount: string;
                        currency: string;
                    };
                    net_cny: {
                        amount: string;
                        currency: string;
                    };
                    payments: number;
                    refunded: {
                        amount: string;
                        currency: string;
                    };
                    refunded_cny: {
                        amount: string;
                        currency: string;
                    };
                    refunds: number;
                    /** @description net_cny − commission − fees: what the day added to the merchant’s CNY balance */
                    to_merchant_balance: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
        };
        InstoreDailyReportInput: {
            /** @constant */
            object: "instore_daily_report";
            stores: {
                currency: string;
                /** @description The business day, in the store’s time zone */
                date: string;
                from: string;
                name: string;
                store_id: string;
                tills: {
                    /** @description Commission on the day’s payments less what the day’s refunds gave back (CNY) */
                    commission: {
                        amount: string;
                        currency: string;
                    };
                    fees: {
                        amount: string;
                        currency: string;
                    };
                    gross: {
                        amount: string;
                        currency: string;
                    };
                    gross_cny: {
                        amount: string;
                        currency: string;
                    };
                    name: string;
                    net: {
                        amount: string;
                        currency: string;
                    };
                    net_cny: {
                        amount: string;
                        currency: string;
                    };
                    payments: number;
                    refunded: {
                        amount: string;
                        currency: string;
                    };
                    refunded_cny: {
                        amount: string;
                        currency: string;
                    };
                    refunds: number;
                    till_id: string;
                    /** @description net_cny − commission − fees: what the day added to the merchant’s CNY balance */
                    to_merchant_balance: {
                        amount: string;
                        currency: string;
                    };
                }[];
                time_zone: string;
                to: string;
                totals: {
                    /** @description Commission on the day’s payments less what the day’s refunds gave back (CNY) */
                    commission: {
                        amount: string;
                        currency: string;
                    };
                    fees: {
                        amount: string;
                        currency: string;
                    };
                    gross: {
                        amount: string;
                        currency: string;
                    };
                    gross_cny: {
                        amount: string;
                        currency: string;
                    };
                    net: {
                        amount: string;
                        currency: string;
                    };
                    net_cny: {
                        amount: string;
                        currency: string;
                    };
                    payments: number;
                    refunded: {
                        amount: string;
                        currency: string;
                    };
                    refunded_cny: {
                        amount: string;
                        currency: string;
                    };
                    refunds: number;
                    /** @description net_cny − commission − fees: what the day added to the merchant’s CNY balance */
                    to_merchant_balance: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
        };
        /** @description A payment at a till, paid from a shopper’s CNY wallet. */
        InstorePayment: {
            /** @description What the till asked for, in the store’s currency (AUD or NZD) */
            amount: {
                amount: string;
                currency: string;
            };
            canceled_at: string | null;
            /** @description What the shopper pays in CNY at the locked quote; null until a quote is locked */
            charge: {
                amount: string;
                currency: string;
            } | null;
            charge_refunded: {
                amount: string;
                currency: string;
            };
            /** @description The platform’s commission on the sale (CNY); what refunds gave back of it is `commission_refunded` */
            commission: {
                amount: string;
                currency: string;
            };
            commission_refunded: {
                amount: string;
                currency: string;
            };
            created_at: string;
            expires_at: string;
            /** @description The payment fee (CNY); refunds do not give it back */
            fee: {
                amount: string;
                currency: string;
            };
            /**
             * @description `merchant_qr`: the shopper scanned the till’s QR; `shopper_code`: the till scanned the shopper’s code
             * @enum {string}
             */
            flow: "merchant_qr" | "shopper_code";
            fx_quote_id: string | null;
            /** @description CNY → store currency customer rate of the quote */
            fx_rate: string | null;
            id: string;
            merchant_id: string;
            /** @constant */
            object: "instore_payment";
            paid_at: string | null;
            /** @description merchant_qr while it waits for payment: the signed text to show as a QR, and a PNG of it */
            qr: {
                payload: string;
                png_url: string;
            } | null;
            receipt_number: string | null;
            /** @description The till’s own reference */
            reference: string;
            refunded: {
                amount: string;
                currency: string;
            };
            refunds: components["schemas"]["InstoreRefund"][];
            /** @enum {string} */
            status: "requires_payment" | "requires_confirmation" | "succeeded" | "expired" | "canceled";
            store_id: string;
            till_id: string;
            updated_at: string;
        };
        /** @description A payment at a till, paid from a shopper’s CNY wallet. */
        InstorePaymentInput: {
            /** @description What the till asked for, in the store’s currency (AUD or NZD) */
            amount: {
                amount: string;
                currency: string;
            };
            canceled_at: string | null;
            /** @description What the shopper pays in CNY at the locked quote; null until a quote is locked */
            charge: {
                amount: string;
                currency: string;
            } | null;
            charge_refunded: {
                amount: string;
                currency: string;
            };
            /** @description The platform’s commission on the sale (CNY); what refunds gave back of it is `commission_refunded` */
            commission: {
                amount: string;
                currency: string;
            };
            commission_refunded: {
                amount: string;
                currency: string;
            };
            created_at: string;
            expires_at: string;
            /** @description The payment fee (CNY); refunds do not give it back */
            fee: {
                amount: string;
                currency: string;
            };
            /**
             * @description `merchant_qr`: the shopper scanned the till’s QR; `shopper_code`: the till scanned the shopper’s code
             * @enum {string}
             */
            flow: "merchant_qr" | "shopper_code";
            fx_quote_id: string | null;
            /** @description CNY → store currency customer rate of the quote */
            fx_rate: string | null;
            id: string;
            merchant_id: string;
            /** @constant */
            object: "instore_payment";
            paid_at: string | null;
            /** @description merchant_qr while it waits for payment: the signed text to show as a QR, and a PNG of it */
            qr: {
                payload: string;
                png_url: string;
            } | null;
            receipt_number: string | null;
            /** @description The till’s own reference */
            reference: string;
            refunded: {
                amount: string;
                currency: string;
            };
            refunds: components["schemas"]["InstoreRefundInput"][];
            /** @enum {string} */
            status: "requires_payment" | "requires_confirmation" | "succeeded" | "expired" | "canceled";
            store_id: string;
            till_id: string;
            updated_at: string;
        };
        InstorePaymentPreview: {
            /** @description What you pay in CNY at the quote */
            charge: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "instore_payment_preview";
            payment: components["schemas"]["WalletInstorePayment"];
            quote: {
                expires_at: string;
                id: string;
                rate: string;
            };
        };
        InstorePaymentPreviewInput: {
            /** @description What you pay in CNY at the quote */
            charge: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "instore_payment_preview";
            payment: components["schemas"]["WalletInstorePaymentInput"];
            quote: {
                expires_at: string;
                id: string;
                rate: string;
            };
        };
        InstoreReceipt: {
            amount: {
                amount: string;
                currency: string;
            };
            charge: {
                amount: string;
                currency: string;
            };
            charge_net: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            flow: "merchant_qr" | "shopper_code";
            fx_rate: string;
            /** @description What to print, each line in Chinese and English */
            lines: {
                en: string;
                key: string;
                value: string;
                zh: string;
            }[];
            /** @description When it was paid, on the store’s clock (`YYYY-MM-DD HH:mm`) */
            local_time: string;
            merchant: {
                id: string;
                name: string;
            };
            net: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "instore_receipt";
            paid_at: string;
            payment_id: string;
            receipt_number: string;
            reference: string;
            refunds: {
                amount: {
                    amount: string;
                    currency: string;
                };
                charge: {
                    amount: string;
                    currency: string;
                };
                created_at: string;
                id: string;
            }[];
            store: {
                address_line: string;
                city: string;
                country: string;
                id: string;
                name: string;
            };
            till: {
                id: string;
                name: string;
            };
            time_zone: string;
        };
        InstoreReceiptInput: {
            amount: {
                amount: string;
                currency: string;
            };
            charge: {
                amount: string;
                currency: string;
            };
            charge_net: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            flow: "merchant_qr" | "shopper_code";
            fx_rate: string;
            /** @description What to print, each line in Chinese and English */
            lines: {
                en: string;
                key: string;
                value: string;
                zh: string;
            }[];
            /** @description When it was paid, on the store’s clock (`YYYY-MM-DD HH:mm`) */
            local_time: string;
            merchant: {
                id: string;
                name: string;
            };
            net: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "instore_receipt";
            paid_at: string;
            payment_id: string;
            receipt_number: string;
            reference: string;
            refunds: {
                amount: {
                    amount: string;
                    currency: string;
                };
                charge: {
                    amount: string;
                    currency: string;
                };
                created_at: string;
                id: string;
            }[];
            store: {
                address_line: string;
                city: string;
                country: string;
                id: string;
                name: string;
            };
            till: {
                id: string;
                name: string;
            };
            time_zone: string;
        };
        InstoreRefund: {
            /** @description In the store’s currency */
            amount: {
                amount: string;
                currency: string;
            };
            /** @description The CNY given back to the shopper’s wallet: the charge’s share of the refunded total */
            charge: {
                amount: string;
                currency: string;
            };
            created_at: string;
            id: string;
            /** @constant */
            object: "instore_refund";
            payment_id: string;
            reason: string | null;
            /** @description The till that gave the refund */
            till_id: string;
        };
        InstoreRefundInput: {
            /** @description In the store’s currency */
            amount: {
                amount: string;
                currency: string;
            };
            /** @description The CNY given back to the shopper’s wallet: the charge’s share of the refunded total */
            charge: {
                amount: string;
                currency: string;
            };
            created_at: string;
            id: string;
            /** @constant */
            object: "instore_refund";
            payment_id: string;
            reason: string | null;
            /** @description The till that gave the refund */
            till_id: string;
        };
        /** @description A merchant’s monthly invoice: the plan fee, overage and the GMV fee, charged to its balance. */
        Invoice: {
            created_at: string;
            currency: string;
            id: string;
            lines: {
                amount: {
                    amount: string;
                    currency: string;
                };
                description: string;
                included: string;
                /** @enum {string} */
                kind: "plan_fee" | "overage" | "gmv_fee";
                line_no: number;
                metric: string | null;
                /** @description Used (for a GMV fee: the GMV in minor units) */
                quantity: string;
                rate_bps: number | null;
                /** @description Per unit; null for a GMV fee (see rate_bps) */
                unit_price: {
                    amount: string;
                    currency: string;
                } | null;
                unit_size: string;
                /** @description Charged units: started blocks of unit_size over the included amount; 1 for the plan fee */
                units: string;
            }[];
            merchant_id: string;
            number: string;
            /** @constant */
            object: "invoice";
            paid_at: string | null;
            period: {
                from: string;
                label: string;
                time_zone: string;
                to: string;
            };
            plan: {
                code: string;
                name: string;
            };
            /** @enum {string} */
            status: "paid" | "void";
            /** @description Per currency, the plan’s first */
            totals: {
                amount: string;
                currency: string;
            }[];
            /** @description The ledger transfers that charged it to the merchant’s balance */
            transfer_ids: string[];
            usage: {
                api_calls: number;
                api_calls_test: number;
                gmv: {
                    amount: string;
                    currency: string;
                }[];
                labels: number;
                orders: number;
                storage_bytes: number;
            };
        };
        /** @description A merchant’s monthly invoice: the plan fee, overage and the GMV fee, charged to its balance. */
        InvoiceInput: {
            created_at: string;
            currency: string;
            id: string;
            lines: {
                amount: {
                    amount: string;
                    currency: string;
                };
                description: string;
                included: string;
                /** @enum {string} */
                kind: "plan_fee" | "overage" | "gmv_fee";
                line_no: number;
                metric: string | null;
                /** @description Used (for a GMV fee: the GMV in minor units) */
                quantity: string;
                rate_bps: number | null;
                /** @description Per unit; null for a GMV fee (see rate_bps) */
                unit_price: {
                    amount: string;
                    currency: string;
                } | null;
                unit_size: string;
                /** @description Charged units: started blocks of unit_size over the included amount; 1 for the plan fee */
                units: string;
            }[];
            merchant_id: string;
            number: string;
            /** @constant */
            object: "invoice";
            paid_at: string | null;
            period: {
                from: string;
                label: string;
                time_zone: string;
                to: string;
            };
            plan: {
                code: string;
                name: string;
            };
            /** @enum {string} */
            status: "paid" | "void";
            /** @description Per currency, the plan’s first */
            totals: {
                amount: string;
                currency: string;
            }[];
            /** @description The ledger transfers that charged it to the merchant’s balance */
            transfer_ids: string[];
            usage: {
                api_calls: number;
                api_calls_test: number;
                gmv: {
                    amount: string;
                    currency: string;
                }[];
                labels: number;
                orders: number;
                storage_bytes: number;
            };
        };
        Job: {
            attempts: number;
            created_at: string;
            finished_at: string | null;
            id: string;
            kind: string;
            last_error: string | null;
            max_attempts: number;
            /** @constant */
            object: "job";
            run_at: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
        };
        JobInput: {
            attempts: number;
            created_at: string;
            finished_at: string | null;
            id: string;
            kind: string;
            last_error: string | null;
            max_attempts: number;
            /** @constant */
            object: "job";
            run_at: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
        };
        LedgerAccount: {
            /** @description Posted less what pending transfers hold */
            available: {
                amount: string;
                currency: string;
            };
            /** @description Posted, in the account’s normal direction */
            balance: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            balance_constraint: "none" | "debits_must_not_exceed_credits" | "credits_must_not_exceed_debits";
            created_at: string;
            credits_pending: string;
            credits_posted: string;
            currency: string;
            debits_pending: string;
            debits_posted: string;
            id: string;
            key: string;
            /** @enum {string} */
            kind: "asset" | "liability" | "equity" | "revenue" | "expense";
            name: string;
            /** @constant */
            object: "ledger_account";
            owner: {
                id: string;
                type: string;
            } | null;
        };
        LedgerAccountInput: {
            /** @description Posted less what pending transfers hold */
            available: {
                amount: string;
                currency: string;
            };
            /** @description Posted, in the account’s normal direction */
            balance: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            balance_constraint: "none" | "debits_must_not_exceed_credits" | "credits_must_not_exceed_debits";
            created_at: string;
            credits_pending: string;
            credits_posted: string;
            currency: string;
            debits_pending: string;
            debits_posted: string;
            id: string;
            key: string;
            /** @enum {string} */
            kind: "asset" | "liability" | "equity" | "revenue" | "expense";
            name: string;
            /** @constant */
            object: "ledger_account";
            owner: {
                id: string;
                type: string;
            } | null;
        };
        LedgerTransfer: {
            amount: {
                amount: string;
                currency: string;
            };
            batch_id: string | null;
            created_at: string;
            credit_account_id: string;
            debit_account_id: string;
            expires_at: string | null;
            id: string;
            /** @enum {string} */
            kind: "single" | "pending" | "post_pending" | "void_pending";
            metadata: {
                [key: string]: unknown;
            };
            /** @constant */
            object: "ledger_transfer";
            pending_id: string | null;
            reference: {
                id: string;
                type: string;
            } | null;
            /** @enum {string} */
            status: "posted" | "pending" | "voided" | "expired";
        };
        LedgerTransferInput: {
            amount: {
                amount: string;
                currency: string;
            };
            batch_id: string | null;
            created_at: string;
            credit_account_id: string;
            debit_account_id: string;
            expires_at: string | null;
            id: string;
            /** @enum {string} */
            kind: "single" | "pending" | "post_pending" | "void_pending";
            metadata: {
                [key: string]: unknown;
            };
            /** @constant */
            object: "ledger_transfer";
            pending_id: string | null;
            reference: {
                id: string;
                type: string;
            } | null;
            /** @enum {string} */
            status: "posted" | "pending" | "voided" | "expired";
        };
        Location: {
            active: boolean;
            address: string | null;
            city: string;
            country: string;
            created_at: string;
            customs_code: string | null;
            id: string;
            /** @enum {string} */
            kind: "merchant_warehouse" | "bonded_warehouse";
            /** @description null for platform-run bonded warehouses */
            merchant_id: string | null;
            name: string;
            /** @constant */
            object: "location";
        };
        LocationInput: {
            active: boolean;
            address: string | null;
            city: string;
            country: string;
            created_at: string;
            customs_code: string | null;
            id: string;
            /** @enum {string} */
            kind: "merchant_warehouse" | "bonded_warehouse";
            /** @description null for platform-run bonded warehouses */
            merchant_id: string | null;
            name: string;
            /** @constant */
            object: "location";
        };
        LogisticsNode: {
            active: boolean;
            city: string;
            code: string;
            country: string;
            created_at: string;
            id: string;
            /** @enum {string} */
            kind: "hub" | "bonded_warehouse";
            name: string;
            /** @constant */
            object: "logistics_node";
            region: string;
            /** @description Hubs: further towns served */
            serves_cities: string[];
            /** @description Hubs: regions whose merchant warehouses send parcels here */
            serves_regions: string[];
            /** @description Bonded warehouses: the inventory stock location whose stock ships from here */
            stock_location_id: string | null;
            updated_at: string;
        };
        LogisticsNodeInput: {
            active: boolean;
            city: string;
            code: string;
            country: string;
            created_at: string;
            id: string;
            /** @enum {string} */
            kind: "hub" | "bonded_warehouse";
            name: string;
            /** @constant */
            object: "logistics_node";
            region: string;
            /** @description Hubs: further towns served */
            serves_cities: string[];
            /** @description Hubs: regions whose merchant warehouses send parcels here */
            serves_regions: string[];
            /** @description Bonded warehouses: the inventory stock location whose stock ships from here */
            stock_location_id: string | null;
            updated_at: string;
        };
        Manifest: {
            arrived_at: string | null;
            bags: components["schemas"]["Bag"][];
            created_at: string;
            departed_at: string | null;
            destination_airport: string;
            destination_country: string;
            flight_no: string;
            id: string;
            /** @description Master air waybill */
            mawb: string;
            /** @constant */
            object: "manifest";
            origin_node_id: string;
            /** @enum {string} */
            status: "open" | "departed" | "arrived";
        };
        ManifestInput: {
            arrived_at: string | null;
            bags: components["schemas"]["BagInput"][];
            created_at: string;
            departed_at: string | null;
            destination_airport: string;
            destination_country: string;
            flight_no: string;
            id: string;
            /** @description Master air waybill */
            mawb: string;
            /** @constant */
            object: "manifest";
            origin_node_id: string;
            /** @enum {string} */
            status: "open" | "departed" | "arrived";
        };
        Merchant: {
            brands: string[];
            /** @description ABN (AU), NZBN (NZ) or Unified Social Credit Code (CN) */
            business_number: string | null;
            categories: string[];
            contact: {
                email: string;
                name: string;
                phone?: string;
            } | null;
            /** @enum {string} */
            country: "AU" | "NZ" | "CN";
            created_at: string;
            gst_registered: boolean;
            id: string;
            legal_name: string;
            /** @description On the test twin: the live merchant it stands in for */
            live_merchant_id: string | null;
            /** @description False for the test twin `sk_test_` keys act as (its status is always `approved`) */
            livemode: boolean;
            /** @constant */
            object: "merchant";
            payout_account: {
                /** @enum {string} */
                country: "AU" | "NZ" | "CN";
                /** @description Only the BSB, the bank-branch or the bank name, and the last digits */
                masked: string;
            } | null;
            /** @enum {string} */
            status: "applied" | "approved" | "rejected" | "suspended";
            status_reason: string | null;
            trading_name: string | null;
        };
        MerchantInput: {
            brands: string[];
            /** @description ABN (AU), NZBN (NZ) or Unified Social Credit Code (CN) */
            business_number: string | null;
            categories: string[];
            contact: {
                email: string;
                name: string;
                phone?: string;
            } | null;
            /** @enum {string} */
            country: "AU" | "NZ" | "CN";
            created_at: string;
            gst_registered: boolean;
            id: string;
            legal_name: string;
            /** @description On the test twin: the live merchant it stands in for */
            live_merchant_id: string | null;
            /** @description False for the test twin `sk_test_` keys act as (its status is always `approved`) */
            livemode: boolean;
            /** @constant */
            object: "merchant";
            payout_account: {
                /** @enum {string} */
                country: "AU" | "NZ" | "CN";
                /** @description Only the BSB, the bank-branch or the bank name, and the last digits */
                masked: string;
            } | null;
            /** @enum {string} */
            status: "applied" | "approved" | "rejected" | "suspended";
            status_reason: string | null;
            trading_name: string | null;
        };
        MerchantStatusChange: {
            action: string;
            actor_id: string | null;
            actor_kind: string;
            at: string;
            from_status: ("applied" | "approved" | "rejected" | "suspended") | null;
            id: string;
            merchant_id: string;
            /** @constant */
            object: "merchant_status_change";
            reason: string | null;
            /** @enum {string} */
            to_status: "applied" | "approved" | "rejected" | "suspended";
        };
        MerchantStatusChangeInput: {
            action: string;
            actor_id: string | null;
            actor_kind: string;
            at: string;
            from_status: ("applied" | "approved" | "rejected" | "suspended") | null;
            id: string;
            merchant_id: string;
            /** @constant */
            object: "merchant_status_change";
            reason: string | null;
            /** @enum {string} */
            to_status: "applied" | "approved" | "rejected" | "suspended";
        };
        Order: {
            address: {
                [key: string]: string | null;
            };
            amounts: {
                goods: {
                    amount: string;
                    currency: string;
                };
                refunded: {
                    amount: string;
                    currency: string;
                };
                shipping: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                total: {
                    amount: string;
                    currency: string;
                };
            };
            /** @description What you may do to the order now (the routes below) */
            available_actions: string[];
            buyer: {
                /** @description China: the resident ID number, masked; null elsewhere */
                id_number: string | null;
                name: string;
            };
            cancelled_at: string | null;
            checkout: string;
            completed_at: string | null;
            created_at: string;
            delivered_at: string | null;
            fx_rate: string | null;
            /** @description Every transition with who and when (on a single order; null in lists) */
            history: {
                action: string;
                actor: string;
                at: string;
                from: string | null;
                note: string | null;
                to: string;
            }[] | null;
            id: string;
            lines: {
                dutiable: {
                    amount: string;
                    currency: string;
                };
                line_no: number;
                name: {
                    en: string;
                    "zh-Hans": string;
                };
                product_id: string;
                quantity: number;
                returned_quantity: number;
                sku: string;
                tax: {
                    amount: string;
                    currency: string;
                };
                tax_class: string;
                /** @description The merchant’s price */
                unit_price: {
                    amount: string;
                    currency: string;
                };
                /** @description What the buyer paid per unit */
                unit_price_paid: {
                    amount: string;
                    currency: string;
                };
                variant_id: string;
            }[];
            merchant: string;
            /** @description The goods at the merchant’s prices: what the merchant is owed */
            merchant_price: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "order";
            origin: {
                /**
                 * @description 1210: bonded stock in China; 9610: direct mail from abroad into China; export: from a seller in China to AU/NZ
                 * @enum {string}
                 */
                customs_mode: "1210" | "9610" | "export";
                /** @enum {string} */
                kind: "bonded_warehouse" | "merchant_warehouse";
                location_id: string;
            };
            paid_at: string | null;
            payment_intent: string | null;
            return: components["schemas"]["OrderReturn"] | null;
            shipped_at: string | null;
            /** @description The shipping option chosen, the parcel and, once shipped, the tracking number */
            shipping: {
                [key: string]: unknown;
            };
            shopper: string;
            /** @enum {string} */
            state: "pending_payment" | "paid" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded" | "return_requested" | "returned";
            /** @description The CBEC assessment: regime, rule cited, dutiable price, tariff, VAT, consumption tax */
            tax: {
                [key: string]: unknown;
            };
        };
        OrderInput: {
            address: {
                [key: string]: string | null;
            };
            amounts: {
                goods: {
                    amount: string;
                    currency: string;
                };
                refunded: {
                    amount: string;
                    currency: string;
                };
                shipping: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                total: {
                    amount: string;
                    currency: string;
                };
            };
            /** @description What you may do to the order now (the routes below) */
            available_actions: string[];
            buyer: {
                /** @description China: the resident ID number, masked; null elsewhere */
                id_number: string | null;
                name: string;
            };
            cancelled_at: string | null;
            checkout: string;
            completed_at: string | null;
            created_at: string;
            delivered_at: string | null;
            fx_rate: string | null;
            /** @description Every transition with who and when (on a single order; null in lists) */
            history: {
                action: string;
                actor: string;
                at: string;
                from: string | null;
                note: string | null;
                to: string;
            }[] | null;
            id: string;
            lines: {
                dutiable: {
                    amount: string;
                    currency: string;
                };
                line_no: number;
                name: {
                    en: string;
                    "zh-Hans": string;
                };
                product_id: string;
                quantity: number;
                returned_quantity: number;
                sku: string;
                tax: {
                    amount: string;
                    currency: string;
                };
                tax_class: string;
                /** @description The merchant’s price */
                unit_price: {
                    amount: string;
                    currency: string;
                };
                /** @description What the buyer paid per unit */
                unit_price_paid: {
                    amount: string;
                    currency: string;
                };
                variant_id: string;
            }[];
            merchant: string;
            /** @description The goods at the merchant’s prices: what the merchant is owed */
            merchant_price: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "order";
            origin: {
                /**
                 * @description 1210: bonded stock in China; 9610: direct mail from abroad into China; export: from a seller in China to AU/NZ
                 * @enum {string}
                 */
                customs_mode: "1210" | "9610" | "export";
                /** @enum {string} */
                kind: "bonded_warehouse" | "merchant_warehouse";
                location_id: string;
            };
            paid_at: string | null;
            payment_intent: string | null;
            return: components["schemas"]["OrderReturnInput"] | null;
            shipped_at: string | null;
            /** @description The shipping option chosen, the parcel and, once shipped, the tracking number */
            shipping: {
                [key: string]: unknown;
            };
            shopper: string;
            /** @enum {string} */
            state: "pending_payment" | "paid" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded" | "return_requested" | "returned";
            /** @description The CBEC assessment: regime, rule cited, dutiable price, tariff, VAT, consumption tax */
            tax: {
                [key: string]: unknown;
            };
        };
        OrderReturn: {
            created_at: string;
            decision_note: string | null;
            description: string | null;
            id: string;
            lines: {
                line_no: number;
                quantity: number;
            }[];
            /** @constant */
            object: "order_return";
            /** @enum {string} */
            reason: "no_reason" | "damaged" | "wrong_item" | "not_as_described" | "other";
            /** @description The refund, once received */
            refund: string | null;
            /** @description What the buyer gets back when the goods arrive: the units’ price and their share of the import tax */
            refund_amount: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            status: "requested" | "approved" | "rejected" | "received";
        };
        OrderReturnInput: {
            created_at: string;
            decision_note: string | null;
            description: string | null;
            id: string;
            lines: {
                line_no: number;
                quantity: number;
            }[];
            /** @constant */
            object: "order_return";
            /** @enum {string} */
            reason: "no_reason" | "damaged" | "wrong_item" | "not_as_described" | "other";
            /** @description The refund, once received */
            refund: string | null;
            /** @description What the buyer gets back when the goods arrive: the units’ price and their share of the import tax */
            refund_amount: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            status: "requested" | "approved" | "rejected" | "received";
        };
        Parcel: {
            bag_id: string | null;
            contents: {
                description: string;
                hs_code: string;
                line_no: number;
                origin_country: string;
                quantity: number;
                sku: string;
                value: {
                    amount: string;
                    currency: string;
                };
            }[];
            created_at: string;
            delivered_at: string | null;
            destination: {
                city: string;
                country: string;
            };
            dimensions_mm: {
                height: number;
                length: number;
                width: number;
            };
            estimated_delivery: {
                earliest: string;
                latest: string;
            } | null;
            events?: components["schemas"]["TrackingEvent"][];
            exception_reason: string | null;
            id: string;
            label_url: string;
            merchant_id: string;
            /**
             * @description The furthest milestone reached
             * @enum {string}
             */
            milestone: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            /** @constant */
            object: "parcel";
            order_id: string;
            /** @enum {string} */
            route: "1210" | "9610" | "export";
            shipment_id: string;
            /**
             * @description The latest milestone (may be `exception`)
             * @enum {string}
             */
            status: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            status_at: string;
            /** @description UPU S10, from the platform’s series */
            tracking_number: string;
            tracking_url: string;
            weight_g: number;
        };
        ParcelInput: {
            bag_id: string | null;
            contents: {
                description: string;
                hs_code: string;
                line_no: number;
                origin_country: string;
                quantity: number;
                sku: string;
                value: {
                    amount: string;
                    currency: string;
                };
            }[];
            created_at: string;
            delivered_at: string | null;
            destination: {
                city: string;
                country: string;
            };
            dimensions_mm: {
                height: number;
                length: number;
                width: number;
            };
            estimated_delivery: {
                earliest: string;
                latest: string;
            } | null;
            events?: components["schemas"]["TrackingEventInput"][];
            exception_reason: string | null;
            id: string;
            label_url: string;
            merchant_id: string;
            /**
             * @description The furthest milestone reached
             * @enum {string}
             */
            milestone: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            /** @constant */
            object: "parcel";
            order_id: string;
            /** @enum {string} */
            route: "1210" | "9610" | "export";
            shipment_id: string;
            /**
             * @description The latest milestone (may be `exception`)
             * @enum {string}
             */
            status: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            status_at: string;
            /** @description UPU S10, from the platform’s series */
            tracking_number: string;
            tracking_url: string;
            weight_g: number;
        };
        /** @description What the shopper pays in parts, in the charge currency (`charge_currency`): the goods (null until fixed: at payment, or at creation by the platform’s checkout), the shipping and the tax — the China cross-border import tax for CNY charges, the Australian/NZ GST collected at sale for AUD/NZD charges (shipping and tax are 0 on intents a merchant creates). `charge` is their sum. */
        PaymentAmountDetails: {
            goods: {
                amount: string;
                currency: string;
            } | null;
            shipping: {
                amount: string;
                currency: string;
            };
            tax: {
                amount: string;
                currency: string;
            };
        };
        /** @description What the shopper pays in parts, in the charge currency (`charge_currency`): the goods (null until fixed: at payment, or at creation by the platform’s checkout), the shipping and the tax — the China cross-border import tax for CNY charges, the Australian/NZ GST collected at sale for AUD/NZD charges (shipping and tax are 0 on intents a merchant creates). `charge` is their sum. */
        PaymentAmountDetailsInput: {
            goods: {
                amount: string;
                currency: string;
            } | null;
            shipping: {
                amount: string;
                currency: string;
            };
            tax: {
                amount: string;
                currency: string;
            };
        };
        PaymentCode: {
            /** @description 18 digits for the till to scan; a new one every minute, good for one payment */
            code: string;
            /** @description When tills stop taking this code */
            expires_at: string;
            /** @description The code as a barcode (`?symbology=code128`, default) or a QR (`?symbology=qrcode`), PNG */
            image_url: string;
            max_no_confirmation_limit: {
                amount: string;
                currency: string;
            };
            /** @description Code payments up to this (CNY) need no confirmation; null: every one is confirmed */
            no_confirmation_limit: {
                amount: string;
                currency: string;
            } | null;
            /** @constant */
            object: "payment_code";
            /** @description When the wallet should show the next code */
            refresh_at: string;
        };
        PaymentCodeInput: {
            /** @description 18 digits for the till to scan; a new one every minute, good for one payment */
            code: string;
            /** @description When tills stop taking this code */
            expires_at: string;
            /** @description The code as a barcode (`?symbology=code128`, default) or a QR (`?symbology=qrcode`), PNG */
            image_url: string;
            max_no_confirmation_limit: {
                amount: string;
                currency: string;
            };
            /** @description Code payments up to this (CNY) need no confirmation; null: every one is confirmed */
            no_confirmation_limit: {
                amount: string;
                currency: string;
            } | null;
            /** @constant */
            object: "payment_code";
            /** @description When the wallet should show the next code */
            refresh_at: string;
        };
        PaymentIntent: {
            amount: {
                amount: string;
                currency: string;
            };
            amount_details: components["schemas"]["PaymentAmountDetails"];
            amount_refunded: {
                amount: string;
                currency: string;
            };
            amount_refunded_details: components["schemas"]["RefundAmountDetails"];
            /** @description The buyer (name, masked resident ID number); always set for CNY charges, null for AUD/NZD charges that named none */
            buyer: {
                id_number: string;
                name: string;
            } | null;
            canceled_at: string | null;
            charge: {
                amount: string;
                currency: string;
            } | null;
            /**
             * @description What the shopper pays in: CNY (a buyer in China), AUD or NZD (a shopper in Australia/New Zealand buying from a seller in China)
             * @enum {string}
             */
            charge_currency: "CNY" | "AUD" | "NZD";
            created_at: string;
            customs: components["schemas"]["CustomsPaymentData"] | null;
            description: string | null;
            escrow: {
                delivered_at: string | null;
                release_due_at: string | null;
                release_reason: string | null;
                released_at: string | null;
                /** @enum {string} */
                status: "held" | "released" | "refunded";
            } | null;
            fx: {
                pair: string;
                quote_id: string;
                rate: string;
            } | null;
            id: string;
            merchant: string;
            metadata: {
                [key: string]: string;
            };
            /** @constant */
            object: "payment_intent";
            order_reference: string;
            paid_at: string | null;
            payer: string | null;
            settlement: {
                amount: string;
                currency: string;
            } | null;
            settlement_currency: string;
            /** @enum {string} */
            status: "requires_payment" | "succeeded" | "canceled";
            updated_at: string;
        };
        PaymentIntentInput: {
            amount: {
                amount: string;
                currency: string;
            };
            amount_details: components["schemas"]["PaymentAmountDetailsInput"];
            amount_refunded: {
                amount: string;
                currency: string;
            };
            amount_refunded_details: components["schemas"]["RefundAmountDetailsInput"];
            /** @description The buyer (name, masked resident ID number); always set for CNY charges, null for AUD/NZD charges that named none */
            buyer: {
                id_number: string;
                name: string;
            } | null;
            canceled_at: string | null;
            charge: {
                amount: string;
                currency: string;
            } | null;
            /**
             * @description What the shopper pays in: CNY (a buyer in China), AUD or NZD (a shopper in Australia/New Zealand buying from a seller in China)
             * @enum {string}
             */
            charge_currency: "CNY" | "AUD" | "NZD";
            created_at: string;
            customs: components["schemas"]["CustomsPaymentDataInput"] | null;
            description: string | null;
            escrow: {
                delivered_at: string | null;
                release_due_at: string | null;
                release_reason: string | null;
                released_at: string | null;
                /** @enum {string} */
                status: "held" | "released" | "refunded";
            } | null;
            fx: {
                pair: string;
                quote_id: string;
                rate: string;
            } | null;
            id: string;
            merchant: string;
            metadata: {
                [key: string]: string;
            };
            /** @constant */
            object: "payment_intent";
            order_reference: string;
            paid_at: string | null;
            payer: string | null;
            settlement: {
                amount: string;
                currency: string;
            } | null;
            settlement_currency: string;
            /** @enum {string} */
            status: "requires_payment" | "succeeded" | "canceled";
            updated_at: string;
        };
        /** @description One merchant’s payout: one line of a payout batch’s bank file. */
        Payout: {
            /** @description The bank account, masked */
            account: string;
            amount: {
                amount: string;
                currency: string;
            };
            batch_id: string;
            /** @description What the bank said it paid or returned */
            confirmed_amount: {
                amount: string;
                currency: string;
            } | null;
            confirmed_at: string | null;
            created_at: string;
            failure_reason: string | null;
            id: string;
            merchant_id: string;
            /** @constant */
            object: "payout";
            /** @description What the merchant’s bank statement shows */
            reference: string;
            /** @enum {string} */
            status: "pending" | "paid" | "failed";
        };
        PayoutBatch: {
            /** @description Who signed it off: two different finance operators, the preparer counting as one */
            approvals: string[];
            approved_at: string | null;
            closed_at: string | null;
            created_at: string;
            currency: string;
            /** @description SHA-256 of the bank file as sent */
            file_sha256: string | null;
            /**
             * @description The bank file: ABA (Cemtex) for AUD, the bulk-payment CSV for NZD
             * @enum {string}
             */
            format: "aba" | "nz_bulk";
            id: string;
            item_count: number;
            items?: components["schemas"]["Payout"][];
            /** @constant */
            object: "payout_batch";
            /** @description The payout day, in the bank’s time zone */
            payout_date: string;
            /** @description `operator:<id>`, or `system:schedule` for the weekly run */
            prepared_by: string;
            sent_at: string | null;
            /** @enum {string} */
            status: "draft" | "approved" | "sent" | "confirmed" | "failed";
            total: {
                amount: string;
                currency: string;
            };
        };
        PayoutBatchInput: {
            /** @description Who signed it off: two different finance operators, the preparer counting as one */
            approvals: string[];
            approved_at: string | null;
            closed_at: string | null;
            created_at: string;
            currency: string;
            /** @description SHA-256 of the bank file as sent */
            file_sha256: string | null;
            /**
             * @description The bank file: ABA (Cemtex) for AUD, the bulk-payment CSV for NZD
             * @enum {string}
             */
            format: "aba" | "nz_bulk";
            id: string;
            item_count: number;
            items?: components["schemas"]["PayoutInput"][];
            /** @constant */
            object: "payout_batch";
            /** @description The payout day, in the bank’s time zone */
            payout_date: string;
            /** @description `operator:<id>`, or `system:schedule` for the weekly run */
            prepared_by: string;
            sent_at: string | null;
            /** @enum {string} */
            status: "draft" | "approved" | "sent" | "confirmed" | "failed";
            total: {
                amount: string;
                currency: string;
            };
        };
        /** @description One merchant’s payout: one line of a payout batch’s bank file. */
        PayoutInput: {
            /** @description The bank account, masked */
            account: string;
            amount: {
                amount: string;
                currency: string;
            };
            batch_id: string;
            /** @description What the bank said it paid or returned */
            confirmed_amount: {
                amount: string;
                currency: string;
            } | null;
            confirmed_at: string | null;
            created_at: string;
            failure_reason: string | null;
            id: string;
            merchant_id: string;
            /** @constant */
            object: "payout";
            /** @description What the merchant’s bank statement shows */
            reference: string;
            /** @enum {string} */
            status: "pending" | "paid" | "failed";
        };
        /** @description A plan: its rate limit, what it includes each month, and its prices per billing currency. */
        Plan: {
            code: string;
            gmv_fee_bps: number;
            included: {
                api_calls: number;
                labels: number;
                orders: number;
                storage_bytes: number;
            };
            name: string;
            /** @constant */
            object: "plan";
            prices: {
                currency: string;
                monthly_fee: {
                    amount: string;
                    currency: string;
                };
                overage: {
                    [key: string]: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
            rate_limit_per_minute: number;
            unit_sizes: {
                api_calls: number;
                labels: number;
                orders: number;
                storage_bytes: number;
            };
        };
        /** @description A plan: its rate limit, what it includes each month, and its prices per billing currency. */
        PlanInput: {
            code: string;
            gmv_fee_bps: number;
            included: {
                api_calls: number;
                labels: number;
                orders: number;
                storage_bytes: number;
            };
            name: string;
            /** @constant */
            object: "plan";
            prices: {
                currency: string;
                monthly_fee: {
                    amount: string;
                    currency: string;
                };
                overage: {
                    [key: string]: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
            rate_limit_per_minute: number;
            unit_sizes: {
                api_calls: number;
                labels: number;
                orders: number;
                storage_bytes: number;
            };
        };
        Principal: {
            id: string;
            /** @enum {string} */
            kind: "operator" | "merchant" | "api_key" | "shopper";
            /** @description In test mode: the live merchant whose test twin `merchant_id` is; absent in live mode */
            live_merchant_id?: string;
            merchant_id: string | null;
            mode: ("test" | "live") | null;
            /** @constant */
            object: "principal";
            role: string | null;
            scopes: string[] | null;
            /** @description A POS key’s till (in-store payments); absent for every other principal */
            till_id?: string;
        };
        PrincipalInput: {
            id: string;
            /** @enum {string} */
            kind: "operator" | "merchant" | "api_key" | "shopper";
            /** @description In test mode: the live merchant whose test twin `merchant_id` is; absent in live mode */
            live_merchant_id?: string;
            merchant_id: string | null;
            mode: ("test" | "live") | null;
            /** @constant */
            object: "principal";
            role: string | null;
            scopes: string[] | null;
            /** @description A POS key’s till (in-store payments); absent for every other principal */
            till_id?: string;
        };
        Product: {
            activated_at: string | null;
            archived_at: string | null;
            brand: string;
            category: string;
            country_of_origin: string;
            created_at: string;
            id: string;
            images: components["schemas"]["Image"][];
            /** @description What stops the product being listed in its market; empty when it can be */
            listing_issues: {
                code: string;
                message: string;
                param: string;
            }[];
            /**
             * @description Where it is listed: `CN` (shoppers in China) for ANZ merchants, `ANZ` (shoppers in Australia and New Zealand) for merchants in China
             * @enum {string}
             */
            market: "CN" | "ANZ";
            merchant_id: string;
            /** @constant */
            object: "product";
            samr_registration: string | null;
            shelf_life_days: number | null;
            /** @enum {string} */
            status: "draft" | "active" | "archived";
            text: {
                en?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
                "zh-Hans"?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
            };
            updated_at: string;
            variants: components["schemas"]["Variant"][];
        };
        ProductInput: {
            activated_at: string | null;
            archived_at: string | null;
            brand: string;
            category: string;
            country_of_origin: string;
            created_at: string;
            id: string;
            images: components["schemas"]["ImageInput"][];
            /** @description What stops the product being listed in its market; empty when it can be */
            listing_issues: {
                code: string;
                message: string;
                param: string;
            }[];
            /**
             * @description Where it is listed: `CN` (shoppers in China) for ANZ merchants, `ANZ` (shoppers in Australia and New Zealand) for merchants in China
             * @enum {string}
             */
            market: "CN" | "ANZ";
            merchant_id: string;
            /** @constant */
            object: "product";
            samr_registration: string | null;
            shelf_life_days: number | null;
            /** @enum {string} */
            status: "draft" | "active" | "archived";
            text: {
                en?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
                "zh-Hans"?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
            };
            updated_at: string;
            variants: components["schemas"]["VariantInput"][];
        };
        ProductSales: {
            name: {
                en: string;
                "zh-Hans": string;
            };
            product_id: string;
            /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
            revenue: {
                amount: string;
                currency: string;
            }[];
            /** @description Units sold and kept (returned units are not counted) */
            units: number;
        };
        ProductSalesInput: {
            name: {
                en: string;
                "zh-Hans": string;
            };
            product_id: string;
            /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
            revenue: {
                amount: string;
                currency: string;
            }[];
            /** @description Units sold and kept (returned units are not counted) */
            units: number;
        };
        ProductsReport: {
            from: string;
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "products_report";
            products: {
                name: {
                    en: string;
                    "zh-Hans": string;
                };
                orders: number;
                product_id: string;
                /** @description One amount per currency (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        ProductsReportInput: {
            from: string;
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "products_report";
            products: {
                name: {
                    en: string;
                    "zh-Hans": string;
                };
                orders: number;
                product_id: string;
                /** @description One amount per currency (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        ProvincesReport: {
            from: string;
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "provinces_report";
            regions: {
                country: string | null;
                orders: number;
                region: string | null;
                /** @description One amount per currency (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        ProvincesReportInput: {
            from: string;
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "provinces_report";
            regions: {
                country: string | null;
                orders: number;
                region: string | null;
                /** @description One amount per currency (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        Quota: {
            limit: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "quota";
            per_order_limit: {
                amount: string;
                currency: string;
            };
            remaining: {
                amount: string;
                currency: string;
            };
            resets_at: string;
            used: {
                amount: string;
                currency: string;
            };
            /** @description The calendar year in China time (Asia/Shanghai) */
            year: number;
        };
        QuotaInput: {
            limit: {
                amount: string;
                currency: string;
            };
            /** @constant */
            object: "quota";
            per_order_limit: {
                amount: string;
                currency: string;
            };
            remaining: {
                amount: string;
                currency: string;
            };
            resets_at: string;
            used: {
                amount: string;
                currency: string;
            };
            /** @description The calendar year in China time (Asia/Shanghai) */
            year: number;
        };
        Refund: {
            amount: {
                amount: string;
                currency: string;
            };
            amount_details: components["schemas"]["RefundAmountDetails"];
            created_at: string;
            id: string;
            /** @constant */
            object: "refund";
            payment_intent: string;
            /** @enum {string} */
            reason: "requested_by_customer" | "returned" | "order_canceled" | "duplicate" | "fraudulent" | "other";
            settlement_share: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            source: "escrow" | "merchant";
            /** @constant */
            status: "succeeded";
        };
        /** @description An amount in parts, in the charge currency: goods, shipping and tax (import tax or GST); they sum to the amount. */
        RefundAmountDetails: {
            goods: {
                amount: string;
                currency: string;
            };
            shipping: {
                amount: string;
                currency: string;
            };
            tax: {
                amount: string;
                currency: string;
            };
        };
        /** @description An amount in parts, in the charge currency: goods, shipping and tax (import tax or GST); they sum to the amount. */
        RefundAmountDetailsInput: {
            goods: {
                amount: string;
                currency: string;
            };
            shipping: {
                amount: string;
                currency: string;
            };
            tax: {
                amount: string;
                currency: string;
            };
        };
        RefundInput: {
            amount: {
                amount: string;
                currency: string;
            };
            amount_details: components["schemas"]["RefundAmountDetailsInput"];
            created_at: string;
            id: string;
            /** @constant */
            object: "refund";
            payment_intent: string;
            /** @enum {string} */
            reason: "requested_by_customer" | "returned" | "order_canceled" | "duplicate" | "fraudulent" | "other";
            settlement_share: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            source: "escrow" | "merchant";
            /** @constant */
            status: "succeeded";
        };
        RefundsReport: {
            /** @description refunded / paid, per currency */
            amount_rates: {
                currency: string;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                rate: number | null;
            }[];
            buckets: {
                /** @description refunded / paid, per currency */
                amount_rates: {
                    currency: string;
                    /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                    rate: number | null;
                }[];
                end: string;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                order_rate: number | null;
                /** @description Orders paid */
                orders: number;
                /** @description What buyers paid (goods, shipping and tax), per currency */
                paid: {
                    amount: string;
                    currency: string;
                }[];
                /** @description One amount per currency (never added across currencies), by currency */
                refunded: {
                    amount: string;
                    currency: string;
                }[];
                /** @description Of them, orders with any money refunded */
                refunded_orders: number;
                start: string;
                /** @description ISO week, e.g. 2026-W48; null for days */
                week: string | null;
            }[];
            from: string;
            /** @enum {string} */
            interval: "day" | "week";
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "refunds_report";
            /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
            order_rate: number | null;
            /** @description Orders paid */
            orders: number;
            /** @description What buyers paid (goods, shipping and tax), per currency */
            paid: {
                amount: string;
                currency: string;
            }[];
            /** @description One amount per currency (never added across currencies), by currency */
            refunded: {
                amount: string;
                currency: string;
            }[];
            /** @description Of them, orders with any money refunded */
            refunded_orders: number;
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        RefundsReportInput: {
            /** @description refunded / paid, per currency */
            amount_rates: {
                currency: string;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                rate: number | null;
            }[];
            buckets: {
                /** @description refunded / paid, per currency */
                amount_rates: {
                    currency: string;
                    /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                    rate: number | null;
                }[];
                end: string;
                /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
                order_rate: number | null;
                /** @description Orders paid */
                orders: number;
                /** @description What buyers paid (goods, shipping and tax), per currency */
                paid: {
                    amount: string;
                    currency: string;
                }[];
                /** @description One amount per currency (never added across currencies), by currency */
                refunded: {
                    amount: string;
                    currency: string;
                }[];
                /** @description Of them, orders with any money refunded */
                refunded_orders: number;
                start: string;
                /** @description ISO week, e.g. 2026-W48; null for days */
                week: string | null;
            }[];
            from: string;
            /** @enum {string} */
            interval: "day" | "week";
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "refunds_report";
            /** @description A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0 */
            order_rate: number | null;
            /** @description Orders paid */
            orders: number;
            /** @description What buyers paid (goods, shipping and tax), per currency */
            paid: {
                amount: string;
                currency: string;
            }[];
            /** @description One amount per currency (never added across currencies), by currency */
            refunded: {
                amount: string;
                currency: string;
            }[];
            /** @description Of them, orders with any money refunded */
            refunded_orders: number;
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
        };
        Reservation: {
            closed_at: string | null;
            created_at: string;
            expires_at: string;
            id: string;
            location_id: string;
            /** @constant */
            object: "reservation";
            quantity: number;
            reference: string | null;
            /** @enum {string} */
            status: "active" | "held" | "released" | "expired" | "shipped";
            stock_level_id: string;
            variant_id: string;
        };
        ReservationInput: {
            closed_at: string | null;
            created_at: string;
            expires_at: string;
            id: string;
            location_id: string;
            /** @constant */
            object: "reservation";
            quantity: number;
            reference: string | null;
            /** @enum {string} */
            status: "active" | "held" | "released" | "expired" | "shipped";
            stock_level_id: string;
            variant_id: string;
        };
        RevenueReport: {
            buckets: {
                end: string;
                orders: number;
                /** @description One amount per currency (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                start: string;
                units: number;
                /** @description ISO week, e.g. 2026-W48; null for days */
                week: string | null;
            }[];
            from: string;
            /** @enum {string} */
            interval: "day" | "week";
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "revenue_report";
            orders: number;
            /** @description One amount per currency (never added across currencies), by currency */
            revenue: {
                amount: string;
                currency: string;
            }[];
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
            units: number;
        };
        RevenueReportInput: {
            buckets: {
                end: string;
                orders: number;
                /** @description One amount per currency (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                start: string;
                units: number;
                /** @description ISO week, e.g. 2026-W48; null for days */
                week: string | null;
            }[];
            from: string;
            /** @enum {string} */
            interval: "day" | "week";
            /** @description Whose figures; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "revenue_report";
            orders: number;
            /** @description One amount per currency (never added across currencies), by currency */
            revenue: {
                amount: string;
                currency: string;
            }[];
            /** @constant */
            time_zone: "Asia/Shanghai";
            to: string;
            units: number;
        };
        SalesReport: {
            /** @description Every day of the range, oldest first, days without sales included */
            days: {
                date: string;
                orders: number;
                /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @description First day, inclusive */
            from: string;
            /** @description Whose sales; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "sales_report";
            orders: number;
            /** @description Orders by destination region (the shipping address), most orders first */
            regions: {
                country: string | null;
                orders: number;
                /** @description The destination’s ISO 3166-2 region: a province of China (CN-ZJ), an Australian state (AU-VIC), or NZ */
                region: string | null;
                /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
            revenue: {
                amount: string;
                currency: string;
            }[];
            /**
             * @description Days are China calendar days
             * @constant
             */
            time_zone: "Asia/Shanghai";
            /** @description Last day, inclusive */
            to: string;
            top_products: {
                /** @description For each currency, the 10 products with the most revenue in it */
                by_revenue: {
                    currency: string;
                    products: components["schemas"]["ProductSales"][];
                }[];
                /** @description The 10 products with the most units */
                by_units: components["schemas"]["ProductSales"][];
            };
            units: number;
        };
        SalesReportInput: {
            /** @description Every day of the range, oldest first, days without sales included */
            days: {
                date: string;
                orders: number;
                /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @description First day, inclusive */
            from: string;
            /** @description Whose sales; null for an operator’s report of the whole platform */
            merchant: string | null;
            /** @constant */
            object: "sales_report";
            orders: number;
            /** @description Orders by destination region (the shipping address), most orders first */
            regions: {
                country: string | null;
                orders: number;
                /** @description The destination’s ISO 3166-2 region: a province of China (CN-ZJ), an Australian state (AU-VIC), or NZ */
                region: string | null;
                /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
                revenue: {
                    amount: string;
                    currency: string;
                }[];
                units: number;
            }[];
            /** @description One amount per currency the orders were paid in (never added across currencies), by currency */
            revenue: {
                amount: string;
                currency: string;
            }[];
            /**
             * @description Days are China calendar days
             * @constant
             */
            time_zone: "Asia/Shanghai";
            /** @description Last day, inclusive */
            to: string;
            top_products: {
                /** @description For each currency, the 10 products with the most revenue in it */
                by_revenue: {
                    currency: string;
                    products: components["schemas"]["ProductSalesInput"][];
                }[];
                /** @description The 10 products with the most units */
                by_units: components["schemas"]["ProductSalesInput"][];
            };
            units: number;
        };
        SettlementConversion: {
            batch_id: string | null;
            created_at: string;
            /** @description Signed: a negative balance is converted the other way */
            from: {
                amount: string;
                currency: string;
            };
            id: string;
            merchant_id: string;
            mid: string;
            /** @constant */
            object: "settlement_conversion";
            /** @description The rate applied: mid less the spread */
            rate: string;
            spread_bps: number;
            to: {
                amount: string;
                currency: string;
            };
        };
        SettlementConversionInput: {
            batch_id: string | null;
            created_at: string;
            /** @description Signed: a negative balance is converted the other way */
            from: {
                amount: string;
                currency: string;
            };
            id: string;
            merchant_id: string;
            mid: string;
            /** @constant */
            object: "settlement_conversion";
            /** @description The rate applied: mid less the spread */
            rate: string;
            spread_bps: number;
            to: {
                amount: string;
                currency: string;
            };
        };
        Shipment: {
            created_at: string;
            estimated_delivery: {
                earliest: string;
                latest: string;
            } | null;
            id: string;
            labels_url: string;
            merchant_id: string;
            /** @constant */
            object: "shipment";
            order_id: string;
            origin_node_id: string;
            parcels: components["schemas"]["Parcel"][];
            /** @enum {string} */
            route: "1210" | "9610" | "export";
            service: {
                code: string;
                name: string;
            };
        };
        ShipmentInput: {
            created_at: string;
            estimated_delivery: {
                earliest: string;
                latest: string;
            } | null;
            id: string;
            labels_url: string;
            merchant_id: string;
            /** @constant */
            object: "shipment";
            order_id: string;
            origin_node_id: string;
            parcels: components["schemas"]["ParcelInput"][];
            /** @enum {string} */
            route: "1210" | "9610" | "export";
            service: {
                code: string;
                name: string;
            };
        };
        ShippingLane: {
            active: boolean;
            created_at: string;
            destination_country: string;
            id: string;
            /** @enum {string} */
            mode: "1210" | "9610" | "domestic" | "export";
            name: string;
            /** @constant */
            object: "shipping_lane";
            origin_node_id: string;
            rate_card: {
                additional_price: {
                    amount: string;
                    currency: string;
                };
                additional_weight_g: number;
                first_price: {
                    amount: string;
                    currency: string;
                };
                first_weight_g: number;
                fuel_surcharge_bps: number;
                max_parcel_weight_g: number | null;
                volumetric_divisor: number | null;
            };
            regions: string[];
            service_code: string;
            transit_days: {
                max: number;
                min: number;
            };
            updated_at: string;
        };
        ShippingLaneInput: {
            active: boolean;
            created_at: string;
            destination_country: string;
            id: string;
            /** @enum {string} */
            mode: "1210" | "9610" | "domestic" | "export";
            name: string;
            /** @constant */
            object: "shipping_lane";
            origin_node_id: string;
            rate_card: {
                additional_price: {
                    amount: string;
                    currency: string;
                };
                additional_weight_g: number;
                first_price: {
                    amount: string;
                    currency: string;
                };
                first_weight_g: number;
                fuel_surcharge_bps: number;
                max_parcel_weight_g: number | null;
                volumetric_divisor: number | null;
            };
            regions: string[];
            service_code: string;
            transit_days: {
                max: number;
                min: number;
            };
            updated_at: string;
        };
        ShippingQuote: {
            at: string;
            destination: {
                country: string;
                region: string;
            };
            /** @constant */
            object: "shipping_quote";
            options: {
                /** @description Calendar dates in the destination’s time zone: the day of `at` plus the transit days */
                estimated_delivery: {
                    earliest: string;
                    latest: string;
                    time_zone: string;
                };
                fuel_surcharge: {
                    amount: string;
                    currency: string;
                };
                lane_id: string;
                /** @enum {string} */
                mode: "1210" | "9610" | "domestic" | "export";
                name: string;
                parcels: {
                    actual_weight_g: number;
                    chargeable_weight_g: number;
                    fuel_surcharge: {
                        amount: string;
                        currency: string;
                    };
                    total: {
                        amount: string;
                        currency: string;
                    };
                    volumetric_weight_g: number | null;
                    weight_charge: {
                        amount: string;
                        currency: string;
                    };
                }[];
                /** @description All parcels, fuel surcharge included */
                price: {
                    amount: string;
                    currency: string;
                };
                service_code: string;
                transit_days: {
                    max: number;
                    min: number;
                };
                weight_charge: {
                    amount: string;
                    currency: string;
                };
            }[];
            origin: {
                node_code: string;
                node_id: string;
                /** @enum {string} */
                node_kind: "hub" | "bonded_warehouse";
                stock_location_id: string | null;
            };
        };
        ShippingQuoteInput: {
            at: string;
            destination: {
                country: string;
                region: string;
            };
            /** @constant */
            object: "shipping_quote";
            options: {
                /** @description Calendar dates in the destination’s time zone: the day of `at` plus the transit days */
                estimated_delivery: {
                    earliest: string;
                    latest: string;
                    time_zone: string;
                };
                fuel_surcharge: {
                    amount: string;
                    currency: string;
                };
                lane_id: string;
                /** @enum {string} */
                mode: "1210" | "9610" | "domestic" | "export";
                name: string;
                parcels: {
                    actual_weight_g: number;
                    chargeable_weight_g: number;
                    fuel_surcharge: {
                        amount: string;
                        currency: string;
                    };
                    total: {
                        amount: string;
                        currency: string;
                    };
                    volumetric_weight_g: number | null;
                    weight_charge: {
                        amount: string;
                        currency: string;
                    };
                }[];
                /** @description All parcels, fuel surcharge included */
                price: {
                    amount: string;
                    currency: string;
                };
                service_code: string;
                transit_days: {
                    max: number;
                    min: number;
                };
                weight_charge: {
                    amount: string;
                    currency: string;
                };
            }[];
            origin: {
                node_code: string;
                node_id: string;
                /** @enum {string} */
                node_kind: "hub" | "bonded_warehouse";
                stock_location_id: string | null;
            };
        };
        Shopper: {
            /** @enum {string} */
            country: "CN" | "AU" | "NZ";
            created_at: string;
            email: string;
            id: string;
            locale: string;
            name: string;
            /** @constant */
            object: "shopper";
        };
        ShopperIdentity: {
            /** @description The ID number with its birth date hidden, e.g. 110105********123X */
            id_number_masked: string;
            /** @constant */
            id_type: "cn_resident";
            mobile: string;
            /** @constant */
            object: "shopper_identity";
            real_name: string;
            shopper_id: string;
            verified_at: string;
        };
        ShopperIdentityInput: {
            /** @description The ID number with its birth date hidden, e.g. 110105********123X */
            id_number_masked: string;
            /** @constant */
            id_type: "cn_resident";
            mobile: string;
            /** @constant */
            object: "shopper_identity";
            real_name: string;
            shopper_id: string;
            verified_at: string;
        };
        ShopperInput: {
            /** @enum {string} */
            country: "CN" | "AU" | "NZ";
            created_at: string;
            email: string;
            id: string;
            locale: string;
            name: string;
            /** @constant */
            object: "shopper";
        };
        StaffInvitation: {
            accepted_at: string | null;
            created_at: string;
            email: string;
            expires_at: string;
            id: string;
            /** @constant */
            object: "staff_invitation";
            /** @enum {string} */
            role: "owner" | "manager" | "staff";
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
        };
        StaffInvitationInput: {
            accepted_at: string | null;
            created_at: string;
            email: string;
            expires_at: string;
            id: string;
            /** @constant */
            object: "staff_invitation";
            /** @enum {string} */
            role: "owner" | "manager" | "staff";
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
        };
        StaffUser: {
            created_at: string;
            email: string;
            id: string;
            /** @enum {string} */
            kind: "operator" | "merchant";
            last_sign_in_at: string | null;
            merchant_id: string | null;
            name: string;
            /** @constant */
            object: "staff_user";
            role: string;
            status: string;
        };
        StaffUserInput: {
            created_at: string;
            email: string;
            id: string;
            /** @enum {string} */
            kind: "operator" | "merchant";
            last_sign_in_at: string | null;
            merchant_id: string | null;
            name: string;
            /** @constant */
            object: "staff_user";
            role: string;
            status: string;
        };
        /** @description A merchant’s statement: per currency, opening balance + lines = closing balance. */
        Statement: {
            currencies: {
                closing_balance: {
                    amount: string;
                    currency: string;
                };
                currency: string;
                lines: {
                    /** @description Signed: + credited to the balance, - taken from it */
                    amount: {
                        amount: string;
                        currency: string;
                    };
                    at: string;
                    balance_after: {
                        amount: string;
                        currency: string;
                    };
                    /** @description For a conversion line: both sides as the balances moved, the mid rate, the spread and the rate applied */
                    conversion: {
                        from: {
                            amount: string;
                            currency: string;
                        };
                        id: string;
                        mid: string;
                        rate: string;
                        spread_bps: number;
                        to: {
                            amount: string;
                            currency: string;
                        };
                    } | null;
                    description: string;
                    /** @enum {string} */
                    kind: "sale" | "refund" | "commission" | "fee" | "commission_refund" | "conversion_out" | "conversion_in" | "payout" | "payout_returned" | "billing" | "adjustment";
                    order_id: string | null;
                    payout: {
                        id: string;
                        reference: string;
                        status: string;
                    } | null;
                    /** @description The ledger transfer this line is (GET /v1/ledger/transfers/:id for operators) */
                    transfer_id: string;
                }[];
                net: {
                    amount: string;
                    currency: string;
                };
                opening_balance: {
                    amount: string;
                    currency: string;
                };
                /** @description Signed sum of the lines of each kind */
                totals: {
                    [key: string]: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
            generated_at: string;
            merchant_id: string;
            /** @constant */
            object: "statement";
            payouts: {
                amount: {
                    amount: string;
                    currency: string;
                };
                date: string;
                id: string;
                reference: string;
                status: string;
            }[];
            period: {
                from: string;
                label: string;
                time_zone: string;
                /** @description Exclusive: the first instant after the period */
                to: string;
            };
            settlement_currency: string;
        };
        /** @description A merchant’s statement: per currency, opening balance + lines = closing balance. */
        StatementInput: {
            currencies: {
                closing_balance: {
                    amount: string;
                    currency: string;
                };
                currency: string;
                lines: {
                    /** @description Signed: + credited to the balance, - taken from it */
                    amount: {
                        amount: string;
                        currency: string;
                    };
                    at: string;
                    balance_after: {
                        amount: string;
                        currency: string;
                    };
                    /** @description For a conversion line: both sides as the balances moved, the mid rate, the spread and the rate applied */
                    conversion: {
                        from: {
                            amount: string;
                            currency: string;
                        };
                        id: string;
                        mid: string;
                        rate: string;
                        spread_bps: number;
                        to: {
                            amount: string;
                            currency: string;
                        };
                    } | null;
                    description: string;
                    /** @enum {string} */
                    kind: "sale" | "refund" | "commission" | "fee" | "commission_refund" | "conversion_out" | "conversion_in" | "payout" | "payout_returned" | "billing" | "adjustment";
                    order_id: string | null;
                    payout: {
                        id: string;
                        reference: string;
                        status: string;
                    } | null;
                    /** @description The ledger transfer this line is (GET /v1/ledger/transfers/:id for operators) */
                    transfer_id: string;
                }[];
                net: {
                    amount: string;
                    currency: string;
                };
                opening_balance: {
                    amount: string;
                    currency: string;
                };
                /** @description Signed sum of the lines of each kind */
                totals: {
                    [key: string]: {
                        amount: string;
                        currency: string;
                    };
                };
            }[];
            generated_at: string;
            merchant_id: string;
            /** @constant */
            object: "statement";
            payouts: {
                amount: {
                    amount: string;
                    currency: string;
                };
                date: string;
                id: string;
                reference: string;
                status: string;
            }[];
            period: {
                from: string;
                label: string;
                time_zone: string;
                /** @description Exclusive: the first instant after the period */
                to: string;
            };
            settlement_currency: string;
        };
        StockLevel: {
            /** @description on_hand − reserved; never below zero */
            available: number;
            /** @description How many rows the units are spread over (concurrency under flash sales) */
            buckets: number;
            id: string;
            location_id: string;
            low_stock_alerted: boolean;
            low_stock_threshold: number | null;
            /** @constant */
            object: "stock_level";
            on_hand: number;
            product_id: string;
            reserved: number;
            updated_at: string;
            variant_id: string;
        };
        StockLevelInput: {
            /** @description on_hand − reserved; never below zero */
            available: number;
            /** @description How many rows the units are spread over (concurrency under flash sales) */
            buckets: number;
            id: string;
            location_id: string;
            low_stock_alerted: boolean;
            low_stock_threshold: number | null;
            /** @constant */
            object: "stock_level";
            on_hand: number;
            product_id: string;
            reserved: number;
            updated_at: string;
            variant_id: string;
        };
        StockMovement: {
            actor_id: string | null;
            actor_kind: string;
            at: string;
            id: string;
            /** @enum {string} */
            kind: "receipt" | "adjustment" | "reservation" | "release" | "shipment" | "return";
            location_id: string;
            /** @constant */
            object: "stock_movement";
            on_hand_delta: number;
            reason: string | null;
            reference: string | null;
            reserved_delta: number;
            stock_level_id: string;
            variant_id: string;
        };
        StockMovementInput: {
            actor_id: string | null;
            actor_kind: string;
            at: string;
            id: string;
            /** @enum {string} */
            kind: "receipt" | "adjustment" | "reservation" | "release" | "shipment" | "return";
            location_id: string;
            /** @constant */
            object: "stock_movement";
            on_hand_delta: number;
            reason: string | null;
            reference: string | null;
            reserved_delta: number;
            stock_level_id: string;
            variant_id: string;
        };
        /** @description A merchant’s shop in Australia or New Zealand, where shoppers pay at a till. */
        Store: {
            /** @description false: closed; no new tills or POS keys */
            active: boolean;
            address_line: string;
            city: string;
            /** @enum {string} */
            country: "AU" | "NZ";
            created_at: string;
            id: string;
            merchant_id: string;
            name: string;
            /** @constant */
            object: "store";
            /** @description ISO 3166-2: the state for Australia (`AU-VIC`), `NZ` for New Zealand */
            region: string | null;
            /** @description IANA time zone of the store (`Australia/Melbourne`, `Pacific/Auckland`): its business day */
            time_zone: string;
            updated_at: string;
        };
        StorefrontProduct: {
            brand: string;
            category: string;
            country_of_origin: string;
            id: string;
            images: components["schemas"]["Image"][];
            merchant: {
                id: string;
                name: string;
            };
            /** @constant */
            object: "storefront_product";
            /** @description The lowest `shown_price`, in the shopper’s currency */
            price_from: {
                amount: string;
                currency: string;
            };
            /** @description `bonded`: from a China bonded warehouse (1210, days); `overseas`: from the merchant’s own warehouse (9610 into China, or from a seller’s warehouse in China to Australia and New Zealand) */
            ships_from: ("bonded" | "overseas")[];
            text: {
                en?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
                "zh-Hans"?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
            };
            variants: {
                available: number;
                /** @description What a shopper in China pays: the fixed CNY price, or the price at the current customer rate (`fx_rate`), computed as a payment computes it. For a seller in China, its own CNY price */
                cny_price: {
                    amount: string;
                    currency: string;
                };
                cny_price_fixed: boolean;
                /** @description The CNY → merchant-currency customer rate of `cny_price`; null for a fixed CNY price or a price in CNY, or when no rate is set (then the price is indicative) */
                fx_rate: string | null;
                id: string;
                options: {
                    [key: string]: string;
                };
                /** @description In the merchant’s currency */
                price: {
                    amount: string;
                    currency: string;
                };
                ships_from: ("bonded" | "overseas")[];
                /** @description The shopper-currency → merchant-currency customer rate of `shown_price` (e.g. AUD → CNY for a seller in China); null when no conversion, for a fixed CNY price, or when no rate is set (then the price is indicative) */
                shown_fx_rate: string | null;
                /** @description What this shopper pays, in their currency (CNY in China, AUD in Australia, NZD in New Zealand): the price itself in the same currency, else the price at the current customer rate (`shown_fx_rate`), computed as a payment computes it (rounded up); in China a fixed CNY price wins */
                shown_price: {
                    amount: string;
                    currency: string;
                };
                sku: string;
            }[];
        };
        StorefrontProductInput: {
            brand: string;
            category: string;
            country_of_origin: string;
            id: string;
            images: components["schemas"]["ImageInput"][];
            merchant: {
                id: string;
                name: string;
            };
            /** @constant */
            object: "storefront_product";
            /** @description The lowest `shown_price`, in the shopper’s currency */
            price_from: {
                amount: string;
                currency: string;
            };
            /** @description `bonded`: from a China bonded warehouse (1210, days); `overseas`: from the merchant’s own warehouse (9610 into China, or from a seller’s warehouse in China to Australia and New Zealand) */
            ships_from: ("bonded" | "overseas")[];
            text: {
                en?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
                "zh-Hans"?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
            };
            variants: {
                available: number;
                /** @description What a shopper in China pays: the fixed CNY price, or the price at the current customer rate (`fx_rate`), computed as a payment computes it. For a seller in China, its own CNY price */
                cny_price: {
                    amount: string;
                    currency: string;
                };
                cny_price_fixed: boolean;
                /** @description The CNY → merchant-currency customer rate of `cny_price`; null for a fixed CNY price or a price in CNY, or when no rate is set (then the price is indicative) */
                fx_rate: string | null;
                id: string;
                options: {
                    [key: string]: string;
                };
                /** @description In the merchant’s currency */
                price: {
                    amount: string;
                    currency: string;
                };
                ships_from: ("bonded" | "overseas")[];
                /** @description The shopper-currency → merchant-currency customer rate of `shown_price` (e.g. AUD → CNY for a seller in China); null when no conversion, for a fixed CNY price, or when no rate is set (then the price is indicative) */
                shown_fx_rate: string | null;
                /** @description What this shopper pays, in their currency (CNY in China, AUD in Australia, NZD in New Zealand): the price itself in the same currency, else the price at the current customer rate (`shown_fx_rate`), computed as a payment computes it (rounded up); in China a fixed CNY price wins */
                shown_price: {
                    amount: string;
                    currency: string;
                };
                sku: string;
            }[];
        };
        StorefrontProductPage: {
            brand: string;
            category: string;
            country_of_origin: string;
            id: string;
            images: components["schemas"]["Image"][];
            merchant: {
                id: string;
                name: string;
            };
            /** @constant */
            object: "storefront_product";
            /** @description The lowest `shown_price`, in the shopper’s currency */
            price_from: {
                amount: string;
                currency: string;
            };
            /** @description The delivery region the estimates are for (the `region` asked for, else the country’s default) */
            region: string;
            /** @description `bonded`: from a China bonded warehouse (1210, days); `overseas`: from the merchant’s own warehouse (9610 into China, or from a seller’s warehouse in China to Australia and New Zealand) */
            ships_from: ("bonded" | "overseas")[];
            text: {
                en?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
                "zh-Hans"?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
            };
            variants: {
                available: number;
                /** @description What a shopper in China pays: the fixed CNY price, or the price at the current customer rate (`fx_rate`), computed as a payment computes it. For a seller in China, its own CNY price */
                cny_price: {
                    amount: string;
                    currency: string;
                };
                cny_price_fixed: boolean;
                /** @description For each place this variant is in stock (bonded warehouses first), the cheapest shipping option for one unit to `region`; places no lane serves are left out */
                delivery: {
                    /** @description If handed over today */
                    estimated_delivery: {
                        /** @description YYYY-MM-DD */
                        earliest: string;
                        /** @description YYYY-MM-DD */
                        latest: string;
                        /** @description The destination’s time zone the dates are in (e.g. Asia/Shanghai) */
                        time_zone: string;
                    };
                    /** @description The lane’s customs mode: `1210` (bonded), `9610` (direct mail into China), `export` (from China to Australia / New Zealand) */
                    mode: string;
                    /** @description The shipping service */
                    name: string;
                    service_code: string;
                    /**
                     * @description `bonded`: a China bonded warehouse; `overseas`: the merchant’s own warehouse
                     * @enum {string}
                     */
                    ships_from: "bonded" | "overseas";
                    transit_days: {
                        max: number;
                        min: number;
                    };
                }[];
                /** @description The CNY → merchant-currency customer rate of `cny_price`; null for a fixed CNY price or a price in CNY, or when no rate is set (then the price is indicative) */
                fx_rate: string | null;
                id: string;
                options: {
                    [key: string]: string;
                };
                /** @description In the merchant’s currency */
                price: {
                    amount: string;
                    currency: string;
                };
                ships_from: ("bonded" | "overseas")[];
                /** @description The shopper-currency → merchant-currency customer rate of `shown_price` (e.g. AUD → CNY for a seller in China); null when no conversion, for a fixed CNY price, or when no rate is set (then the price is indicative) */
                shown_fx_rate: string | null;
                /** @description What this shopper pays, in their currency (CNY in China, AUD in Australia, NZD in New Zealand): the price itself in the same currency, else the price at the current customer rate (`shown_fx_rate`), computed as a payment computes it (rounded up); in China a fixed CNY price wins */
                shown_price: {
                    amount: string;
                    currency: string;
                };
                sku: string;
                tax_estimate: {
                    /** @description China: the consumption tax; null in Australia and New Zealand */
                    consumption_tax: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description The rate of tax on the price, as a decimal: China the composite CBEC rate (e.g. `0.091`), Australia / New Zealand the GST rate (`0.1`, `0.15`); `0` when none */
                    effective_rate: string;
                    /** @description Australia / New Zealand: the GST collected at sale (zero when none, see `gst_none_reason`); null in China */
                    gst: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description Australia / New Zealand, when no GST is collected at sale: GST-free goods, an item over 1,000 (the border collects it), or alcohol or tobacco (the border); else null */
                    gst_none_reason: ("gst_free" | "over_threshold" | "alcohol_or_tobacco") | null;
                    /** @description Australia / New Zealand: the platform’s GST registration number; null in China */
                    gst_registration: string | null;
                    /** @description `shown_price` + `tax`: what one unit costs before shipping */
                    price_with_tax: {
                        amount: string;
                        currency: string;
                    };
                    /** @description China: `cbec_retail` (cross-border e-commerce: 70 % of VAT and consumption tax, no tariff) or `general_trade` (one indivisible item over RMB 5,000, taxed in full); Australia / New Zealand: `au_lvg_gst` / `nz_lvg_gst` (GST collected at sale), `gst_free` (Australia, GST-free goods) or `border` (over 1,000, or alcohol or tobacco: not collected at sale) */
                    regime: string;
                    /** @description The rule applied, cited */
                    rule: string;
                    /** @description China: the tariff (none under `cbec_retail`); null in Australia and New Zealand */
                    tariff: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description All the tax on one unit */
                    tax: {
                        amount: string;
                        currency: string;
                    };
                    /** @description China: the import VAT; null in Australia and New Zealand */
                    vat: {
                        amount: string;
                        currency: string;
                    } | null;
                } | null;
                /** @description Why `tax_estimate` is null: the rules refuse one unit on its own as it is (the checkout would refuse it too); else null */
                tax_notice: string | null;
            }[];
        };
        StorefrontProductPageInput: {
            brand: string;
            category: string;
            country_of_origin: string;
            id: string;
            images: components["schemas"]["ImageInput"][];
            merchant: {
                id: string;
                name: string;
            };
            /** @constant */
            object: "storefront_product";
            /** @description The lowest `shown_price`, in the shopper’s currency */
            price_from: {
                amount: string;
                currency: string;
            };
            /** @description The delivery region the estimates are for (the `region` asked for, else the country’s default) */
            region: string;
            /** @description `bonded`: from a China bonded warehouse (1210, days); `overseas`: from the merchant’s own warehouse (9610 into China, or from a seller’s warehouse in China to Australia and New Zealand) */
            ships_from: ("bonded" | "overseas")[];
            text: {
                en?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
                "zh-Hans"?: {
                    description?: string;
                    ingredients?: string;
                    name: string;
                    subtitle?: string;
                    usage?: string;
                };
            };
            variants: {
                available: number;
                /** @description What a shopper in China pays: the fixed CNY price, or the price at the current customer rate (`fx_rate`), computed as a payment computes it. For a seller in China, its own CNY price */
                cny_price: {
                    amount: string;
                    currency: string;
                };
                cny_price_fixed: boolean;
                /** @description For each place this variant is in stock (bonded warehouses first), the cheapest shipping option for one unit to `region`; places no lane serves are left out */
                delivery: {
                    /** @description If handed over today */
                    estimated_delivery: {
                        /** @description YYYY-MM-DD */
                        earliest: string;
                        /** @description YYYY-MM-DD */
                        latest: string;
                        /** @description The destination’s time zone the dates are in (e.g. Asia/Shanghai) */
                        time_zone: string;
                    };
                    /** @description The lane’s customs mode: `1210` (bonded), `9610` (direct mail into China), `export` (from China to Australia / New Zealand) */
                    mode: string;
                    /** @description The shipping service */
                    name: string;
                    service_code: string;
                    /**
                     * @description `bonded`: a China bonded warehouse; `overseas`: the merchant’s own warehouse
                     * @enum {string}
                     */
                    ships_from: "bonded" | "overseas";
                    transit_days: {
                        max: number;
                        min: number;
                    };
                }[];
                /** @description The CNY → merchant-currency customer rate of `cny_price`; null for a fixed CNY price or a price in CNY, or when no rate is set (then the price is indicative) */
                fx_rate: string | null;
                id: string;
                options: {
                    [key: string]: string;
                };
                /** @description In the merchant’s currency */
                price: {
                    amount: string;
                    currency: string;
                };
                ships_from: ("bonded" | "overseas")[];
                /** @description The shopper-currency → merchant-currency customer rate of `shown_price` (e.g. AUD → CNY for a seller in China); null when no conversion, for a fixed CNY price, or when no rate is set (then the price is indicative) */
                shown_fx_rate: string | null;
                /** @description What this shopper pays, in their currency (CNY in China, AUD in Australia, NZD in New Zealand): the price itself in the same currency, else the price at the current customer rate (`shown_fx_rate`), computed as a payment computes it (rounded up); in China a fixed CNY price wins */
                shown_price: {
                    amount: string;
                    currency: string;
                };
                sku: string;
                tax_estimate: {
                    /** @description China: the consumption tax; null in Australia and New Zealand */
                    consumption_tax: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description The rate of tax on the price, as a decimal: China the composite CBEC rate (e.g. `0.091`), Australia / New Zealand the GST rate (`0.1`, `0.15`); `0` when none */
                    effective_rate: string;
                    /** @description Australia / New Zealand: the GST collected at sale (zero when none, see `gst_none_reason`); null in China */
                    gst: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description Australia / New Zealand, when no GST is collected at sale: GST-free goods, an item over 1,000 (the border collects it), or alcohol or tobacco (the border); else null */
                    gst_none_reason: ("gst_free" | "over_threshold" | "alcohol_or_tobacco") | null;
                    /** @description Australia / New Zealand: the platform’s GST registration number; null in China */
                    gst_registration: string | null;
                    /** @description `shown_price` + `tax`: what one unit costs before shipping */
                    price_with_tax: {
                        amount: string;
                        currency: string;
                    };
                    /** @description China: `cbec_retail` (cross-border e-commerce: 70 % of VAT and consumption tax, no tariff) or `general_trade` (one indivisible item over RMB 5,000, taxed in full); Australia / New Zealand: `au_lvg_gst` / `nz_lvg_gst` (GST collected at sale), `gst_free` (Australia, GST-free goods) or `border` (over 1,000, or alcohol or tobacco: not collected at sale) */
                    regime: string;
                    /** @description The rule applied, cited */
                    rule: string;
                    /** @description China: the tariff (none under `cbec_retail`); null in Australia and New Zealand */
                    tariff: {
                        amount: string;
                        currency: string;
                    } | null;
                    /** @description All the tax on one unit */
                    tax: {
                        amount: string;
                        currency: string;
                    };
                    /** @description China: the import VAT; null in Australia and New Zealand */
                    vat: {
                        amount: string;
                        currency: string;
                    } | null;
                } | null;
                /** @description Why `tax_estimate` is null: the rules refuse one unit on its own as it is (the checkout would refuse it too); else null */
                tax_notice: string | null;
            }[];
        };
        /** @description A merchant’s shop in Australia or New Zealand, where shoppers pay at a till. */
        StoreInput: {
            /** @description false: closed; no new tills or POS keys */
            active: boolean;
            address_line: string;
            city: string;
            /** @enum {string} */
            country: "AU" | "NZ";
            created_at: string;
            id: string;
            merchant_id: string;
            name: string;
            /** @constant */
            object: "store";
            /** @description ISO 3166-2: the state for Australia (`AU-VIC`), `NZ` for New Zealand */
            region: string | null;
            /** @description IANA time zone of the store (`Australia/Melbourne`, `Pacific/Auckland`): its business day */
            time_zone: string;
            updated_at: string;
        };
        TaxQuote: {
            currency: string;
            /** @enum {string} */
            destination: "CN" | "AU" | "NZ";
            fx: {
                currency: string;
                /** @description destination → this currency customer rate */
                rate: string;
            }[];
            /** @description The platform’s GST registration to show with GST (AU, NZ) */
            gst_registration: string | null;
            /**
             * @description FX rates are locked only when the order is paid
             * @constant
             */
            indicative: true;
            limits: {
                annual: {
                    amount: string;
                    currency: string;
                };
                annual_remaining_after: {
                    amount: string;
                    currency: string;
                } | null;
                /** @description The calling shopper’s use this China year, when they are a verified buyer */
                annual_used: {
                    amount: string;
                    currency: string;
                } | null;
                per_order: {
                    amount: string;
                    currency: string;
                };
            } | null;
            lines: {
                consumption_tax: {
                    amount: string;
                    currency: string;
                };
                customs_value: {
                    amount: string;
                    currency: string;
                } | null;
                discount: {
                    amount: string;
                    currency: string;
                };
                /** @description goods + freight + insurance (China: 完税价格) */
                dutiable_price: {
                    amount: string;
                    currency: string;
                };
                duty: {
                    amount: string;
                    currency: string;
                };
                /** @description tax ÷ dutiable price, 4 decimals (China: the composite rate, e.g. "0.0910") */
                effective_rate: string;
                /** @description this line’s share of the freight */
                freight: {
                    amount: string;
                    currency: string;
                };
                /** @description unit price × quantity less seller discounts */
                goods: {
                    amount: string;
                    currency: string;
                };
                gst: {
                    amount: string;
                    currency: string;
                };
                hs_code: string | null;
                insurance: {
                    amount: string;
                    currency: string;
                };
                quantity: number;
                rates: {
                    consumption_tax_bps: number;
                    duty_bps: number;
                    gst_bps: number;
                    vat_bps: number;
                };
                reference: string | null;
                /** @enum {string} */
                regime: "cbec_retail" | "general_trade" | "au_lvg_gst" | "nz_lvg_gst" | "border" | "gst_free";
                /** @description The rule applied, with the notice or ruling it comes from */
                rule: string;
                tax: {
                    amount: string;
                    currency: string;
                };
                tax_class: string | null;
                unit_price: {
                    amount: string;
                    currency: string;
                };
                vat: {
                    amount: string;
                    currency: string;
                };
            }[];
            /** @constant */
            object: "tax_quote";
            quoted_at: string;
            regimes: ("cbec_retail" | "general_trade" | "au_lvg_gst" | "nz_lvg_gst" | "border" | "gst_free")[];
            rules: string[];
            totals: {
                consumption_tax: {
                    amount: string;
                    currency: string;
                };
                discount: {
                    amount: string;
                    currency: string;
                };
                dutiable_price: {
                    amount: string;
                    currency: string;
                };
                duty: {
                    amount: string;
                    currency: string;
                };
                freight: {
                    amount: string;
                    currency: string;
                };
                goods: {
                    amount: string;
                    currency: string;
                };
                gst: {
                    amount: string;
                    currency: string;
                };
                insurance: {
                    amount: string;
                    currency: string;
                };
                /** @description goods + freight + insurance + tax */
                landed_cost: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                vat: {
                    amount: string;
                    currency: string;
                };
            };
        };
        TaxQuoteInput: {
            currency: string;
            /** @enum {string} */
            destination: "CN" | "AU" | "NZ";
            fx: {
                currency: string;
                /** @description destination → this currency customer rate */
                rate: string;
            }[];
            /** @description The platform’s GST registration to show with GST (AU, NZ) */
            gst_registration: string | null;
            /**
             * @description FX rates are locked only when the order is paid
             * @constant
             */
            indicative: true;
            limits: {
                annual: {
                    amount: string;
                    currency: string;
                };
                annual_remaining_after: {
                    amount: string;
                    currency: string;
                } | null;
                /** @description The calling shopper’s use this China year, when they are a verified buyer */
                annual_used: {
                    amount: string;
                    currency: string;
                } | null;
                per_order: {
                    amount: string;
                    currency: string;
                };
            } | null;
            lines: {
                consumption_tax: {
                    amount: string;
                    currency: string;
                };
                customs_value: {
                    amount: string;
                    currency: string;
                } | null;
                discount: {
                    amount: string;
                    currency: string;
                };
                /** @description goods + freight + insurance (China: 完税价格) */
                dutiable_price: {
                    amount: string;
                    currency: string;
                };
                duty: {
                    amount: string;
                    currency: string;
                };
                /** @description tax ÷ dutiable price, 4 decimals (China: the composite rate, e.g. "0.0910") */
                effective_rate: string;
                /** @description this line’s share of the freight */
                freight: {
                    amount: string;
                    currency: string;
                };
                /** @description unit price × quantity less seller discounts */
                goods: {
                    amount: string;
                    currency: string;
                };
                gst: {
                    amount: string;
                    currency: string;
                };
                hs_code: string | null;
                insurance: {
                    amount: string;
                    currency: string;
                };
                quantity: number;
                rates: {
                    consumption_tax_bps: number;
                    duty_bps: number;
                    gst_bps: number;
                    vat_bps: number;
                };
                reference: string | null;
                /** @enum {string} */
                regime: "cbec_retail" | "general_trade" | "au_lvg_gst" | "nz_lvg_gst" | "border" | "gst_free";
                /** @description The rule applied, with the notice or ruling it comes from */
                rule: string;
                tax: {
                    amount: string;
                    currency: string;
                };
                tax_class: string | null;
                unit_price: {
                    amount: string;
                    currency: string;
                };
                vat: {
                    amount: string;
                    currency: string;
                };
            }[];
            /** @constant */
            object: "tax_quote";
            quoted_at: string;
            regimes: ("cbec_retail" | "general_trade" | "au_lvg_gst" | "nz_lvg_gst" | "border" | "gst_free")[];
            rules: string[];
            totals: {
                consumption_tax: {
                    amount: string;
                    currency: string;
                };
                discount: {
                    amount: string;
                    currency: string;
                };
                dutiable_price: {
                    amount: string;
                    currency: string;
                };
                duty: {
                    amount: string;
                    currency: string;
                };
                freight: {
                    amount: string;
                    currency: string;
                };
                goods: {
                    amount: string;
                    currency: string;
                };
                gst: {
                    amount: string;
                    currency: string;
                };
                insurance: {
                    amount: string;
                    currency: string;
                };
                /** @description goods + freight + insurance + tax */
                landed_cost: {
                    amount: string;
                    currency: string;
                };
                tax: {
                    amount: string;
                    currency: string;
                };
                vat: {
                    amount: string;
                    currency: string;
                };
            };
        };
        TestOrder: {
            checkout_id: string;
            /** @constant */
            livemode: false;
            /** @constant */
            object: "test_order";
            /** @description One order per merchant origin, paid: the same `order.paid` events and webhooks as a live sale */
            orders: components["schemas"]["Order"][];
            /** @description The test shopper made for this purchase */
            shopper_id: string;
        };
        TestOrderInput: {
            checkout_id: string;
            /** @constant */
            livemode: false;
            /** @constant */
            object: "test_order";
            /** @description One order per merchant origin, paid: the same `order.paid` events and webhooks as a live sale */
            orders: components["schemas"]["OrderInput"][];
            /** @description The test shopper made for this purchase */
            shopper_id: string;
        };
        /** @description A point of sale in a store; it takes payments with its POS API key. */
        Till: {
            active: boolean;
            created_at: string;
            id: string;
            merchant_id: string;
            /** @description Unique in its store */
            name: string;
            /** @constant */
            object: "till";
            store_id: string;
            updated_at: string;
        };
        /** @description A point of sale in a store; it takes payments with its POS API key. */
        TillInput: {
            active: boolean;
            created_at: string;
            id: string;
            merchant_id: string;
            /** @description Unique in its store */
            name: string;
            /** @constant */
            object: "till";
            store_id: string;
            updated_at: string;
        };
        TopUp: {
            acquirer: string;
            amount: {
                amount: string;
                currency: string;
            };
            card: {
                brand: string;
                exp_month: number;
                exp_year: number;
                last4: string;
            } | null;
            created_at: string;
            decline_code: string | null;
            id: string;
            /** @constant */
            object: "top_up";
            /** @enum {string} */
            status: "requires_challenge" | "processing" | "succeeded" | "failed";
            updated_at: string;
        };
        TopUpInput: {
            acquirer: string;
            amount: {
                amount: string;
                currency: string;
            };
            card: {
                brand: string;
                exp_month: number;
                exp_year: number;
                last4: string;
            } | null;
            created_at: string;
            decline_code: string | null;
            id: string;
            /** @constant */
            object: "top_up";
            /** @enum {string} */
            status: "requires_challenge" | "processing" | "succeeded" | "failed";
            updated_at: string;
        };
        Tracking: {
            delivered_at: string | null;
            destination: {
                city: string;
                country: string;
            };
            estimated_delivery: {
                earliest: string;
                latest: string;
            } | null;
            events: {
                at: string;
                description: string | null;
                location: string | null;
                /** @enum {string} */
                milestone: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            }[];
            /** @constant */
            object: "tracking";
            service: string;
            /** @enum {string} */
            status: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            tracking_number: string;
        };
        TrackingEvent: {
            /** @description False for an event that came after a later one: kept in the timeline, did not move the parcel */
            applied: boolean;
            at: string;
            description: string | null;
            location: string | null;
            /** @enum {string} */
            milestone: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            /** @enum {string} */
            source: "platform" | "scan" | "customs" | "carrier";
        };
        TrackingEventInput: {
            /** @description False for an event that came after a later one: kept in the timeline, did not move the parcel */
            applied: boolean;
            at: string;
            description: string | null;
            location: string | null;
            /** @enum {string} */
            milestone: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            /** @enum {string} */
            source: "platform" | "scan" | "customs" | "carrier";
        };
        TrackingInput: {
            delivered_at: string | null;
            destination: {
                city: string;
                country: string;
            };
            estimated_delivery: {
                earliest: string;
                latest: string;
            } | null;
            events: {
                at: string;
                description: string | null;
                location: string | null;
                /** @enum {string} */
                milestone: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            }[];
            /** @constant */
            object: "tracking";
            service: string;
            /** @enum {string} */
            status: "info_received" | "picked_up" | "at_origin_hub" | "in_bag" | "departed_origin" | "arrived_destination" | "customs_submitted" | "customs_held" | "customs_released" | "out_for_delivery" | "delivered" | "delivery_failed" | "returned_to_sender" | "exception";
            tracking_number: string;
        };
        /** @description A merchant’s usage this month against its plan. */
        Usage: {
            /** @description The plan’s price list the merchant pays from (its settlement currency) */
            currency: string;
            /** @description The invoice if the month ended now, per currency */
            estimated_total: {
                amount: string;
                currency: string;
            }[];
            gmv: {
                amount: {
                    amount: string;
                    currency: string;
                };
                fee: {
                    amount: string;
                    currency: string;
                };
                fee_bps: number;
            }[];
            merchant_id: string;
            metrics: {
                /** @description false for test-mode API calls: counted, never billed */
                billable: boolean;
                included: number | null;
                /** @enum {string} */
                metric: "api_calls" | "orders" | "labels" | "storage_bytes" | "api_calls_test";
                overage_amount: {
                    amount: string;
                    currency: string;
                };
                /** @description Blocks over the included amount so far, each started block counted */
                overage_units: number;
                unit_price: {
                    amount: string;
                    currency: string;
                } | null;
                unit_size: number;
                used: number;
            }[];
            /** @constant */
            object: "usage";
            period: {
                from: string;
                label: string;
                time_zone: string;
                to: string;
            };
            plan: components["schemas"]["Plan"];
            scheduled_plan: {
                code: string;
                effective_from: string;
            } | null;
        };
        /** @description A merchant’s usage this month against its plan. */
        UsageInput: {
            /** @description The plan’s price list the merchant pays from (its settlement currency) */
            currency: string;
            /** @description The invoice if the month ended now, per currency */
            estimated_total: {
                amount: string;
                currency: string;
            }[];
            gmv: {
                amount: {
                    amount: string;
                    currency: string;
                };
                fee: {
                    amount: string;
                    currency: string;
                };
                fee_bps: number;
            }[];
            merchant_id: string;
            metrics: {
                /** @description false for test-mode API calls: counted, never billed */
                billable: boolean;
                included: number | null;
                /** @enum {string} */
                metric: "api_calls" | "orders" | "labels" | "storage_bytes" | "api_calls_test";
                overage_amount: {
                    amount: string;
                    currency: string;
                };
                /** @description Blocks over the included amount so far, each started block counted */
                overage_units: number;
                unit_price: {
                    amount: string;
                    currency: string;
                } | null;
                unit_size: number;
                used: number;
            }[];
            /** @constant */
            object: "usage";
            period: {
                from: string;
                label: string;
                time_zone: string;
                to: string;
            };
            plan: components["schemas"]["PlanInput"];
            scheduled_plan: {
                code: string;
                effective_from: string;
            } | null;
        };
        Variant: {
            /** @description Alcohol or tobacco: taxed at the AU/NZ border, not at sale */
            alcohol_or_tobacco: boolean;
            cny_price: {
                amount: string;
                currency: string;
            } | null;
            declared_quantity: string | null;
            declared_unit: string | null;
            dimensions_mm: {
                height: number;
                length: number;
                width: number;
            } | null;
            gross_weight_g: number | null;
            /** @description GST-free in Australia (e.g. basic food) */
            gst_free: boolean;
            gtin: string | null;
            hs_code: string | null;
            id: string;
            net_weight_g: number | null;
            /** @constant */
            object: "variant";
            options: {
                [key: string]: string;
            };
            price: {
                amount: string;
                currency: string;
            };
            product_id: string;
            sku: string;
            tax_class: string | null;
            /** @description Statutory rates of the tax class */
            tax_rates: {
                consumption_tax_bps: number;
                vat_bps: number;
            } | null;
        };
        VariantInput: {
            /** @description Alcohol or tobacco: taxed at the AU/NZ border, not at sale */
            alcohol_or_tobacco: boolean;
            cny_price: {
                amount: string;
                currency: string;
            } | null;
            declared_quantity: string | null;
            declared_unit: string | null;
            dimensions_mm: {
                height: number;
                length: number;
                width: number;
            } | null;
            gross_weight_g: number | null;
            /** @description GST-free in Australia (e.g. basic food) */
            gst_free: boolean;
            gtin: string | null;
            hs_code: string | null;
            id: string;
            net_weight_g: number | null;
            /** @constant */
            object: "variant";
            options: {
                [key: string]: string;
            };
            price: {
                amount: string;
                currency: string;
            };
            product_id: string;
            sku: string;
            tax_class: string | null;
            /** @description Statutory rates of the tax class */
            tax_rates: {
                consumption_tax_bps: number;
                vat_bps: number;
            } | null;
        };
        /** @description An in-store payment as the shopper sees it. */
        WalletInstorePayment: {
            /** @description In the store’s currency */
            amount: {
                amount: string;
                currency: string;
            };
            /** @description What you pay (paid) in CNY */
            charge: {
                amount: string;
                currency: string;
            } | null;
            charge_refunded: {
                amount: string;
                currency: string;
            };
            created_at: string;
            expires_at: string;
            /** @enum {string} */
            flow: "merchant_qr" | "shopper_code";
            fx_rate: string | null;
            id: string;
            merchant: {
                id: string;
                name: string;
            };
            /** @constant */
            object: "instore_payment";
            paid_at: string | null;
            receipt_number: string | null;
            reference: string;
            refunded: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            status: "requires_payment" | "requires_confirmation" | "succeeded" | "expired" | "canceled";
            store: {
                city: string;
                id: string;
                name: string;
            };
        };
        /** @description An in-store payment as the shopper sees it. */
        WalletInstorePaymentInput: {
            /** @description In the store’s currency */
            amount: {
                amount: string;
                currency: string;
            };
            /** @description What you pay (paid) in CNY */
            charge: {
                amount: string;
                currency: string;
            } | null;
            charge_refunded: {
                amount: string;
                currency: string;
            };
            created_at: string;
            expires_at: string;
            /** @enum {string} */
            flow: "merchant_qr" | "shopper_code";
            fx_rate: string | null;
            id: string;
            merchant: {
                id: string;
                name: string;
            };
            /** @constant */
            object: "instore_payment";
            paid_at: string | null;
            receipt_number: string | null;
            reference: string;
            refunded: {
                amount: string;
                currency: string;
            };
            /** @enum {string} */
            status: "requires_payment" | "requires_confirmation" | "succeeded" | "expired" | "canceled";
            store: {
                city: string;
                id: string;
                name: string;
            };
        };
        WebhookAttempt: {
            attempt: number;
            created_at: string;
            error: string | null;
            id: string;
            latency_ms: number;
            /** @description The exact body sent (what the signature signs) */
            request_body: string;
            /** @description The first 1,000 characters of the answer */
            response_body: string | null;
            /** @description Null when no HTTP answer came */
            response_status: number | null;
            /** @description The Tasman-Signature header sent */
            signature: string;
            url: string;
        };
        WebhookAttemptInput: {
            attempt: number;
            created_at: string;
            error: string | null;
            id: string;
            latency_ms: number;
            /** @description The exact body sent (what the signature signs) */
            request_body: string;
            /** @description The first 1,000 characters of the answer */
            response_body: string | null;
            /** @description Null when no HTTP answer came */
            response_status: number | null;
            /** @description The Tasman-Signature header sent */
            signature: string;
            url: string;
        };
        WebhookDelivery: {
            /** @description Every attempt, newest first (on the single delivery) */
            attempt_log?: components["schemas"]["WebhookAttempt"][];
            attempts: number;
            created_at: string;
            delivered_at: string | null;
            endpoint_id: string;
            event_id: string;
            event_type: string;
            id: string;
            last_error: string | null;
            last_status_code: number | null;
            next_attempt_at: string | null;
            /** @constant */
            object: "webhook_delivery";
            /** @description The object the event is about, as `field:id` (e.g. `order_id:ord_…`): its deliveries go out in event order */
            object_key: string | null;
            retry_until: string;
            /**
             * @description `pending` until a 2xx answer (`succeeded`) or the retry window ends (`failed`)
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed";
        };
        WebhookDeliveryInput: {
            /** @description Every attempt, newest first (on the single delivery) */
            attempt_log?: components["schemas"]["WebhookAttemptInput"][];
            attempts: number;
            created_at: string;
            delivered_at: string | null;
            endpoint_id: string;
            event_id: string;
            event_type: string;
            id: string;
            last_error: string | null;
            last_status_code: number | null;
            next_attempt_at: string | null;
            /** @constant */
            object: "webhook_delivery";
            /** @description The object the event is about, as `field:id` (e.g. `order_id:ord_…`): its deliveries go out in event order */
            object_key: string | null;
            retry_until: string;
            /**
             * @description `pending` until a 2xx answer (`succeeded`) or the retry window ends (`failed`)
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed";
        };
        /** @description Where a merchant’s events are delivered, signed with the endpoint’s secret. */
        WebhookEndpoint: {
            created_at: string;
            description: string | null;
            disabled_at: string | null;
            /** @description `failing`: the platform disabled it because every delivery failed for WEBHOOK_DISABLE_AFTER_DAYS days */
            disabled_reason: ("manual" | "failing") | null;
            /** @description Event types delivered, or `["*"]` for all */
            event_types: string[];
            /** @description The first failed attempt since the last success; null while healthy */
            failing_since: string | null;
            id: string;
            last_success_at: string | null;
            /** @constant */
            object: "webhook_endpoint";
            /** @description The signing secret (`whsec_…`): only in the answer that created or rolled it */
            secret?: string;
            /** @description After a roll with an overlap: until when the old secret also signs */
            secret_previous_expires_at: string | null;
            /** @enum {string} */
            status: "enabled" | "disabled";
            url: string;
        };
        /** @description Where a merchant’s events are delivered, signed with the endpoint’s secret. */
        WebhookEndpointInput: {
            created_at: string;
            description: string | null;
            disabled_at: string | null;
            /** @description `failing`: the platform disabled it because every delivery failed for WEBHOOK_DISABLE_AFTER_DAYS days */
            disabled_reason: ("manual" | "failing") | null;
            /** @description Event types delivered, or `["*"]` for all */
            event_types: string[];
            /** @description The first failed attempt since the last success; null while healthy */
            failing_since: string | null;
            id: string;
            last_success_at: string | null;
            /** @constant */
            object: "webhook_endpoint";
            /** @description The signing secret (`whsec_…`): only in the answer that created or rolled it */
            secret?: string;
            /** @description After a roll with an overlap: until when the old secret also signs */
            secret_previous_expires_at: string | null;
            /** @enum {string} */
            status: "enabled" | "disabled";
            url: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
