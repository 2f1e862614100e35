/**
 * api_fast: the small JSON documents a web API exchanges — user profiles, product catalog
 * entries, orders and app configs — with the Python types such APIs carry: datetimes with offsets,
 * UUIDs, Decimal prices, dates, times, sets of tags and tuples. 100 B – 1 KB per record.
 */

import type { Faker } from "@faker-js/faker";
import { fitToSize, type RecordBuilder, withFreshStreams } from "../lib/generate/fit_to_size.ts";
import type { Rng } from "../lib/_common/prng.ts";
import { type FieldMaker, progressiveObject } from "../lib/generate/progressive_object.ts";
import {
  chance,
  dateAfter,
  dateBefore,
  datetimeBefore,
  distinctPicks,
  priceValue,
  timeOfDay,
  uniform,
  uuid4,
} from "../lib/generate/random_values.ts";
import type { Scenario } from "../lib/generate/scenario.ts";
import { setValue, tupleValue } from "../lib/generate/typed_values.ts";

const SIZE_RANGE = [100, 1000] as const;
const MAX_LIST_ITEMS = 40;

const ROLES = ["admin", "editor", "viewer", "billing", "support", "developer", "auditor"];
const PRODUCT_TAGS = [
  "new",
  "sale",
  "bestseller",
  "eco",
  "limited",
  "gift",
  "bundle",
  "refurbished",
  "exclusive",
];
const FLAGS = [
  "new_checkout",
  "dark_mode",
  "beta_search",
  "recommendations",
  "one_click_buy",
  "live_chat",
  "two_factor",
];
const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "CHF"];
const ORDER_STATUS = ["pending", "paid", "shipped", "delivered", "cancelled", "refunded"];
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

function address(r: Rng, f: Faker) {
  return {
    street: f.location.streetAddress(),
    city: f.location.city(),
    postcode: f.location.zipCode(),
    country: r.pick(["US", "DE", "FR", "GB", "JP", "BR", "IN", "CA"]),
  };
}

function userProfile(r: Rng, f: Faker, n: number) {
  const first = f.person.firstName();
  const last = f.person.lastName();
  const fields: FieldMaker[] = [
    ["username", () => f.internet.username({ firstName: first, lastName: last })],
    ["email", () => f.internet.email({ firstName: first, lastName: last })],
    ["name", () => `${first} ${last}`],
    ["created_at", () => datetimeBefore(r, f, 1500)],
    ["active", () => chance(r, 0.9)],
    ["birth_date", () => dateBefore(r, f, 18 * 365, 80 * 365)],
    ["balance", () => priceValue(r, 0, 500_000)],
    ["address", () => address(r, f)],
    ["roles", () => setValue(distinctPicks(r, ROLES, r.int(1, 3)))],
    ["preferences", () => ({
      theme: r.pick(["light", "dark", "system"]),
      language: r.pick(["en-US", "de-DE", "fr-FR", "ja-JP", "pt-BR"]),
      newsletter: chance(r, 0.4),
    })],
    ["last_login", () => datetimeBefore(r, f, 30)],
  ];
  return progressiveObject({ type: "user_profile", id: uuid4(r) }, fields, n, {
    key: "login_history",
    item: () => ({ at: datetimeBefore(r, f, 365), ip: f.internet.ipv4() }),
  });
}

function product(r: Rng, f: Faker, n: number) {
  const sku = `SKU-${r.int(100_000, 999_999)}`;
  const fields: FieldMaker[] = [
    ["name", () => f.commerce.productName()],
    ["price", () => priceValue(r, 99, 99_999)],
    ["currency", () => r.pick(CURRENCIES)],
    ["in_stock", () => chance(r, 0.8)],
    ["stock", () => r.int(0, 5000)],
    ["category", () => f.commerce.department()],
    ["id", () => uuid4(r)],
    [
      "dimensions_cm",
      () => tupleValue([uniform(r, 1, 120, 1), uniform(r, 1, 120, 1), uniform(r, 0.5, 80, 1)]),
    ],
    ["weight_kg", () => uniform(r, 0.05, 40, 2)],
    ["tags", () => setValue(distinctPicks(r, PRODUCT_TAGS, r.int(1, 4)))],
    ["updated_at", () => datetimeBefore(r, f, 120)],
    ["rating", () => uniform(r, 1, 5, 1)],
    ["description", () => f.commerce.productDescription()],
  ];
  return progressiveObject({ type: "product", sku }, fields, n, {
    key: "variants",
    item: (k) => ({
      sku: `${sku}-${k + 1}`,
      color: f.color.human(),
      size: r.pick(["XS", "S", "M", "L", "XL"]),
      price: priceValue(r, 99, 99_999),
    }),
  });
}

function order(r: Rng, f: Faker, n: number) {
  const fields: FieldMaker[] = [
    ["customer_id", () => uuid4(r)],
    ["placed_at", () => datetimeBefore(r, f, 90)],
    ["status", () => r.pick(ORDER_STATUS)],
    ["currency", () => r.pick(CURRENCIES)],
    ["total", () => priceValue(r, 500, 250_000)],
    ["delivery_date", () => dateAfter(r, f, 14)],
    ["delivery_window", () => tupleValue([timeOfDay(r, 8, 12), timeOfDay(r, 13, 20)])],
    ["shipping_address", () => address(r, f)],
    ["payment", () => ({
      method: r.pick(["card", "paypal", "bank_transfer", "apple_pay"]),
      last4: String(r.int(0, 9999)).padStart(4, "0"),
    })],
    ["coupon", () => r.pick([null, "SPRING10", "WELCOME5", "FREESHIP"])],
  ];
  return progressiveObject({ type: "order", order_id: uuid4(r) }, fields, n, {
    key: "items",
    item: () => ({
      sku: `SKU-${r.int(100_000, 999_999)}`,
      name: f.commerce.productName(),
      quantity: r.int(1, 5),
      unit_price: priceValue(r, 99, 49_999),
    }),
  });
}

function appConfig(r: Rng, f: Faker, n: number) {
  const fields: FieldMaker[] = [
    ["version", () => f.system.semver()],
    ["environment", () => r.pick(["production", "staging", "development"])],
    ["updated_at", () => datetimeBefore(r, f, 60)],
    ["config_id", () => uuid4(r)],
    ["debug", () => chance(r, 0.1)],
    ["maintenance_window", () => ({
      day: r.pick(WEEKDAYS),
      start: timeOfDay(r, 0, 3),
      end: timeOfDay(r, 3, 6),
    })],
    ["timeouts_ms", () => ({ connect: r.int(100, 5000), read: r.int(1000, 30_000) })],
    ["feature_flags", () =>
      Object.fromEntries(
        distinctPicks(r, FLAGS, r.int(2, 5)).map((flag) => [flag, chance(r, 0.5)]),
      )],
    ["allowed_origins", () =>
      setValue(
        Array.from(
          new Set(Array.from({ length: r.int(1, 3) }, () => `https://${f.internet.domainName()}`)),
        ),
      )],
    ["max_upload_bytes", () => r.int(1, 100) * 1_048_576],
    ["release_date", () => dateBefore(r, f, 0, 365)],
  ];
  const app = `${f.word.adjective()}-${f.word.noun()}`.toLowerCase().replace(/[^a-z-]/g, "");
  return progressiveObject({ type: "app_config", app }, fields, n, {
    key: "endpoints",
    item: () => ({
      path: `/api/v${r.int(1, 3)}/${f.word.noun().toLowerCase()}`,
      method: r.pick(["GET", "POST", "PUT", "DELETE", "PATCH"]),
      timeout_ms: r.int(100, 10_000),
      cache_seconds: r.pick([0, 30, 60, 300, 3600]),
    }),
  });
}

const KINDS: readonly (readonly [string, RecordBuilder])[] = [
  ["user_profile", userProfile],
  ["product", product],
  ["order", order],
  ["app_config", appConfig],
];

export const apiFast: Scenario = {
  name: "api_fast",
  description: "API payloads: user profiles, products, orders, app configs (datetimes, UUIDs, " +
    "Decimal prices)",
  defaultCount: 1000,
  sizeRange: SIZE_RANGE,
  tier: "object_enhanced",
  generate(rng, faker, targetBytes) {
    const [kind, build] = rng.pick(KINDS);
    return fitToSize({
      targetBytes,
      sizeRange: SIZE_RANGE,
      build: withFreshStreams(rng, faker, build),
      maxN: 20 + MAX_LIST_ITEMS,
      what: `api_fast/${kind}`,
    }).value;
  },
};
