/**
 * secure_storage: complex objects that hold personal and secret data — nested service configs
 * with credentials, org charts (hierarchies), transaction graphs and customer vaults — the input
 * of DataSON's `dump_secure`. PII appears under the field names and in the formats its redaction
 * looks for: `email` addresses, `phone` numbers, `credit_card` numbers (16 digits, plain or in
 * dashed groups), `ssn` (ddd-dd-dddd), `password`, `api_key`, `secret`, `token`.
 * 1 – 10 KB per record.
 */

import type { Faker } from "@faker-js/faker";
import { fitToSize, type RecordBuilder, withFreshStreams } from "../lib/generate/fit_to_size.ts";
import type { Rng } from "../lib/_common/prng.ts";
import { type FieldMaker, progressiveObject } from "../lib/generate/progressive_object.ts";
import {
  cardNumber,
  chance,
  dateBefore,
  datetimeBefore,
  distinctPicks,
  phoneNumber,
  priceValue,
  randomBytes,
  ssnLike,
  token,
  uniform,
  uuid4,
} from "../lib/generate/random_values.ts";
import type { Scenario } from "../lib/generate/scenario.ts";
import { bytesValue, setValue, tupleValue } from "../lib/generate/typed_values.ts";

const SIZE_RANGE = [1000, 10_000] as const;

const ROLES = ["admin", "operator", "reader", "auditor", "billing", "deployer", "oncall"];
const CONSENTS = ["marketing_email", "sms", "profiling", "third_party", "analytics"];
const TITLES = ["Engineer", "Manager", "Director", "Analyst", "Designer", "Recruiter", "Counsel"];

function person(r: Rng, f: Faker) {
  const first = f.person.firstName();
  const last = f.person.lastName();
  return {
    name: `${first} ${last}`,
    email: f.internet.email({ firstName: first, lastName: last }).toLowerCase(),
    phone: phoneNumber(r),
  };
}

function serviceConfig(r: Rng, f: Faker, n: number) {
  const service = `${f.word.noun()}-${r.pick(["api", "worker", "gateway", "scheduler"])}`
    .toLowerCase();
  const fields: FieldMaker[] = [
    ["environment", () => r.pick(["production", "staging", "development"])],
    ["config_id", () => uuid4(r)],
    ["updated_at", () => datetimeBefore(r, f, 60)],
    ["owner", () => person(r, f)],
    ["database", () => ({
      host: `${service}-db.${f.internet.domainName()}`,
      port: r.pick([5432, 3306, 27017, 6379]),
      name: service.replace(/-/g, "_"),
      user: f.internet.username().toLowerCase(),
      password: f.internet.password({ length: r.int(12, 24) }),
      ssl: {
        mode: r.pick(["require", "verify-full"]),
        ca_fingerprint: bytesValue(randomBytes(r, 32)),
      },
      pool: { min: r.int(1, 4), max: r.int(8, 64), idle_timeout_s: r.int(30, 600) },
    })],
    ["secrets", () => ({
      api_key: `sk_live_${token(r, 32)}`,
      secret: token(r, 40),
      signing_key: bytesValue(randomBytes(r, 32)),
      rotated_at: datetimeBefore(r, f, 90),
    })],
    ["allowed_roles", () => setValue(distinctPicks(r, ROLES, r.int(2, 5)))],
    [
      "ip_allowlist",
      () => tupleValue(Array.from({ length: r.int(1, 4) }, () => f.internet.ipv4())),
    ],
    ["logging", () => ({
      level: r.pick(["debug", "info", "warning"]),
      sinks: [{ type: "file", path: `/var/log/${service}.log`, rotate_mb: r.int(10, 500) }, {
        type: "http",
        url: `https://logs.${f.internet.domainName()}/ingest`,
        token: token(r, 24),
      }],
    })],
  ];
  return progressiveObject({ kind: "service_config", service }, fields, n, {
    key: "upstreams",
    item: () => {
      const name = f.word.noun().toLowerCase();
      return {
        name,
        url: `https://${name}.${f.internet.domainName()}`,
        timeout_ms: r.int(100, 10_000),
        retry: {
          attempts: r.int(0, 5),
          backoff_ms: tupleValue([r.int(50, 200), r.int(1000, 5000)]),
        },
        credentials: { user: f.internet.username().toLowerCase(), password: f.internet.password() },
        contact: person(r, f),
      };
    },
  });
}

interface Employee {
  id: string;
  name: string;
  title: string;
  email: string;
  phone: string;
  ssn: string;
  hired_on: unknown;
  salary: unknown;
  reports: Employee[];
}

/** An org chart of `n` people, at most 7 levels deep, as nested `reports` lists. */
function orgChart(r: Rng, f: Faker, n: number) {
  const people: Employee[] = [];
  const depth: number[] = [];
  for (let k = 0; k < n; k++) {
    const p = person(r, f);
    const employee: Employee = {
      id: `E${String(k + 1).padStart(5, "0")}`,
      name: p.name,
      title: `${r.pick(["Senior ", "Staff ", "", "Lead ", "Principal "])}${r.pick(TITLES)}`,
      email: p.email,
      phone: p.phone,
      ssn: ssnLike(r),
      hired_on: dateBefore(r, f, 30, 20 * 365),
      salary: priceValue(r, 40_000_00, 400_000_00),
      reports: [],
    };
    if (k > 0) {
      let parent = r.int(Math.max(0, k - 6), k - 1);
      while (depth[parent] >= 6) parent = r.int(0, parent - 1);
      people[parent].reports.push(employee);
      depth.push(depth[parent] + 1);
    } else {
      depth.push(0);
    }
    people.push(employee);
  }
  return {
    kind: "org_chart",
    org_id: uuid4(r),
    company: f.company.name(),
    as_of: dateBefore(r, f, 0, 30),
    headcount: n,
    root: people[0],
  };
}

/** A directed transaction graph: account nodes with PII, edges as (from, to, amount) tuples. */
function transactionGraph(r: Rng, f: Faker, n: number) {
  const nodes = [];
  const edges = [];
  for (let k = 0; k < n; k++) {
    const p = person(r, f);
    nodes.push({
      id: `acct_${k + 1}`,
      holder: p.name,
      email: p.email,
      phone: p.phone,
      credit_card: cardNumber(r, chance(r, 0.5)),
      opened: dateBefore(r, f, 30, 3650),
      risk_score: uniform(r, 0, 1, 3),
    });
    if (k > 0) {
      for (let e = r.int(1, 2); e > 0; e--) {
        const other = `acct_${r.int(1, k)}`;
        const [from, to] = chance(r, 0.5) ? [other, `acct_${k + 1}`] : [`acct_${k + 1}`, other];
        edges.push(tupleValue([from, to, uniform(r, 1, 5000, 2)]));
      }
    }
  }
  return {
    kind: "transaction_graph",
    graph_id: uuid4(r),
    directed: true,
    window: tupleValue([dateBefore(r, f, 31, 60), dateBefore(r, f, 0, 30)]),
    nodes,
    edges,
  };
}

/** Encrypted-at-rest customer records as an application would hold them before encryption. */
function customerVault(r: Rng, f: Faker, n: number) {
  const customers = [];
  for (let k = 0; k < n; k++) {
    const p = person(r, f);
    customers.push({
      customer_id: uuid4(r),
      name: p.name,
      email: p.email,
      phone: p.phone,
      ssn: ssnLike(r),
      credit_card: {
        number: cardNumber(r, chance(r, 0.5)),
        expiry: `${String(r.int(1, 12)).padStart(2, "0")}/${r.int(26, 32)}`,
        cvv: String(r.int(0, 999)).padStart(3, "0"),
      },
      dob: dateBefore(r, f, 18 * 365, 85 * 365),
      address: {
        street: f.location.streetAddress(),
        city: f.location.city(),
        postcode: f.location.zipCode(),
      },
      consents: setValue(distinctPicks(r, CONSENTS, r.int(1, 3))),
      last_login: datetimeBefore(r, f, 60),
    });
  }
  return {
    kind: "customer_vault",
    vault_id: uuid4(r),
    created_at: datetimeBefore(r, f, 400),
    encryption: {
      algorithm: "AES-256-GCM",
      key_id: uuid4(r),
      iv: bytesValue(randomBytes(r, 12)),
    },
    customers,
  };
}

const KINDS: readonly (readonly [string, RecordBuilder, number])[] = [
  ["service_config", serviceConfig, 0],
  ["org_chart", orgChart, 1],
  ["transaction_graph", transactionGraph, 1],
  ["customer_vault", customerVault, 0],
];

export const secureStorage: Scenario = {
  name: "secure_storage",
  description: "Nested configs, org charts, graphs and customer records with PII and secrets",
  defaultCount: 500,
  sizeRange: SIZE_RANGE,
  tier: "object_enhanced",
  generate(rng, faker, targetBytes) {
    const [kind, build, minN] = rng.pick(KINDS);
    return fitToSize({
      targetBytes,
      sizeRange: SIZE_RANGE,
      build: withFreshStreams(rng, faker, build),
      minN,
      maxN: 1000,
      what: `secure_storage/${kind}`,
    }).value;
  },
};
