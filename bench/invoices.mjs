// Deterministic commercial invoices for the trust benchmark: the same seed gives the same
// invoices on every machine, so tradehub and OpenAttestation are measured on identical payloads
// and a figure can be reproduced. Amounts are computed in integer minor units (bigint) and
// written as decimal strings, as tradehub stores money; nothing here is a float.

/** The seller of every invoice: the organisation that issues them in the benchmark. */
export const benchSeller = {
  name: 'Yiwu Small Commodities Import & Export Co., Ltd.',
  nameZh: '义乌市小商品进出口有限公司',
  // Made up for the demo with a correct check character (server/src/seed/demo-organisations.ts).
  taxId: { scheme: 'CN-USCC', id: '91330782MA2D7YW013' },
  customsCode: '3318960001',
  address: { street: '福田路 88 号 (88 Futian Road)', city: 'Yiwu', postcode: '322000', country: 'CN' },
  contact: { email: 'export@yiwu-commodities.example', phone: '+86 579 8500 0000' },
};

// Fictional importers in the markets Yiwu ships to; identifiers are placeholders, not real firms.
const buyers = [
  {
    name: 'Rotterdam Home Goods B.V.',
    taxId: { scheme: 'EU-EORI', id: 'NL812345678' },
    address: { street: 'Waalhaven Zuidzijde 19', city: 'Rotterdam', postcode: '3089 JH', country: 'NL' },
    port: 'NLRTM',
    currency: 'EUR',
  },
  {
    name: 'Hamburg Spielwaren Import GmbH',
    taxId: { scheme: 'EU-EORI', id: 'DE4471182930' },
    address: { street: 'Am Sandtorkai 41', city: 'Hamburg', postcode: '20457', country: 'DE' },
    port: 'DEHAM',
    currency: 'EUR',
  },
  {
    name: 'Pacific Coast Retail Supply LLC',
    taxId: { scheme: 'US-EIN', id: '95-4718203' },
    address: { street: '2100 E Carson St', city: 'Long Beach', postcode: '90810', country: 'US' },
    port: 'USLGB',
    currency: 'USD',
  },
  {
    name: 'Gulf Trading House FZE',
    taxId: { scheme: 'AE-TRN', id: '100384729100003' },
    address: { street: 'Jebel Ali Free Zone, Plot S30102', city: 'Dubai', postcode: '17000', country: 'AE' },
    port: 'AEJEA',
    currency: 'USD',
  },
  {
    name: 'Santos Comércio Exterior Ltda.',
    taxId: { scheme: 'BR-CNPJ', id: '12.345.678/0001-95' },
    address: { street: 'Av. Conselheiro Nébias 754', city: 'Santos', postcode: '11045-002', country: 'BR' },
    port: 'BRSSZ',
    currency: 'USD',
  },
  {
    name: 'Lagos Consumer Imports Ltd',
    taxId: { scheme: 'NG-TIN', id: '20481937-0001' },
    address: { street: '14 Creek Road, Apapa', city: 'Lagos', postcode: '102272', country: 'NG' },
    port: 'NGAPP',
    currency: 'USD',
  },
  {
    name: 'Felixstowe Gift Wholesale Ltd',
    taxId: { scheme: 'GB-EORI', id: 'GB123456789000' },
    address: { street: 'Dock Road 7', city: 'Felixstowe', postcode: 'IP11 3SY', country: 'GB' },
    port: 'GBFXT',
    currency: 'GBP',
  },
  {
    name: '大阪雑貨輸入株式会社 (Osaka Zakka Import K.K.)',
    taxId: { scheme: 'JP-CN', id: '1200001012345' },
    address: { street: '南港北 1-8-3', city: 'Osaka', postcode: '559-0034', country: 'JP' },
    port: 'JPOSA',
    currency: 'JPY',
  },
  {
    name: 'Almaty Trade Distribution LLP',
    taxId: { scheme: 'KZ-BIN', id: '180340012345' },
    address: { street: 'Al-Farabi Ave 77/8', city: 'Almaty', postcode: '050040', country: 'KZ' },
    port: 'KZALA',
    currency: 'CNY',
  },
  {
    name: 'Mombasa General Merchants Ltd',
    taxId: { scheme: 'KE-PIN', id: 'P051234567Z' },
    address: { street: 'Moi Avenue 212', city: 'Mombasa', postcode: '80100', country: 'KE' },
    port: 'KEMBA',
    currency: 'USD',
  },
];

// Goods Yiwu exports, with their six-digit HS 2022 subheadings, unit (UN/ECE Rec. 20) and a
// realistic FOB unit price range in US cents.
const goods = [
  {
    hsCode: '950300',
    description: 'Plastic building-block toy sets',
    unit: 'SET',
    minCents: 180,
    maxCents: 1200,
  },
  {
    hsCode: '950510',
    description: 'Christmas tree ornaments, glass',
    unit: 'PCE',
    minCents: 25,
    maxCents: 180,
  },
  {
    hsCode: '392690',
    description: 'Plastic storage boxes with lids',
    unit: 'PCE',
    minCents: 60,
    maxCents: 450,
  },
  { hsCode: '420292', description: 'Polyester travel bags', unit: 'PCE', minCents: 250, maxCents: 1800 },
  { hsCode: '611020', description: 'Knitted cotton pullovers', unit: 'PCE', minCents: 350, maxCents: 1500 },
  {
    hsCode: '851830',
    description: 'Wired headphones with microphone',
    unit: 'PCE',
    minCents: 120,
    maxCents: 900,
  },
  { hsCode: '940540', description: 'LED string lights, 10 m', unit: 'PCE', minCents: 90, maxCents: 600 },
  { hsCode: '691200', description: 'Ceramic tableware sets', unit: 'SET', minCents: 400, maxCents: 2500 },
  { hsCode: '960329', description: 'Cosmetic brushes', unit: 'PCE', minCents: 15, maxCents: 200 },
  { hsCode: '630790', description: 'Non-woven shopping bags', unit: 'PCE', minCents: 8, maxCents: 60 },
  {
    hsCode: '732393',
    description: 'Stainless steel kitchen utensils',
    unit: 'SET',
    minCents: 150,
    maxCents: 1100,
  },
  {
    hsCode: '711719',
    description: 'Imitation jewellery, base metal',
    unit: 'PCE',
    minCents: 20,
    maxCents: 350,
  },
  {
    hsCode: '670290',
    description: 'Artificial flowers, polyester',
    unit: 'PCE',
    minCents: 10,
    maxCents: 150,
  },
  { hsCode: '482030', description: 'Paper binders and folders', unit: 'PCE', minCents: 12, maxCents: 90 },
  { hsCode: '960810', description: 'Ball-point pens', unit: 'PCE', minCents: 3, maxCents: 40 },
  { hsCode: '640299', description: 'Rubber-soled casual shoes', unit: 'PR', minCents: 300, maxCents: 1600 },
];

const incoterms = ['FOB', 'CIF', 'CFR', 'EXW', 'FCA'];
const portsOfLoading = ['CNNGB', 'CNSHA', 'CNXMN', 'CNYTN'];
const paymentTerms = [
  'T/T 30% deposit, 70% against copy of B/L',
  'T/T 30 days after B/L date',
  'L/C at sight',
  'D/P at sight',
  'Open account 60 days',
];

/** Decimal places of each invoice currency (ISO 4217 minor units). */
const minorDigits = { USD: 2, EUR: 2, GBP: 2, CNY: 2, JPY: 0 };

// Fixed rates turn the US-cent price ranges into each currency's minor units: enough for
// plausible figures, not a quotation.
const centsToMinor = {
  USD: (cents) => cents,
  EUR: (cents) => (cents * 92n) / 100n,
  GBP: (cents) => (cents * 79n) / 100n,
  CNY: (cents) => (cents * 718n) / 100n,
  JPY: (cents) => (cents * 151n) / 100n,
};

/**
 * sfc32: a small, fast, well-tested 32-bit generator; seeded, so the same invoices come out of
 * every run. Math.random cannot be seeded.
 */
const createRandom = (seed) => {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: with a simple seed they are not yet well mixed.
  for (let i = 0; i < 15; i += 1) {
    next();
  }
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  return { int, pick: (list) => list[int(0, list.length - 1)] };
};

/** `minor` (bigint) as a decimal string with `digits` decimal places. */
export const formatMinor = (minor, digits) => {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
};

const pad = (value, width) => String(value).padStart(width, '0');

const dateOf = (epochMs) => new Date(epochMs).toISOString().slice(0, 10);

// Invoices of 2026, so every run dates them alike whatever the clock says.
const firstDayMs = Date.UTC(2026, 0, 5);
const dayMs = 86_400_000;

const lineItemsOf = (random, currency) => {
  const digits = minorDigits[currency];
  const count = random.int(2, 12);
  const lines = [];
  let total = 0n;
  for (let line = 1; line <= count; line += 1) {
    const good = random.pick(goods);
    const quantity = BigInt(random.int(1, 400) * (good.unit === 'SET' ? 6 : 12));
    const unitMinor = centsToMinor[currency](BigInt(random.int(good.minCents, good.maxCents)));
    const priceMinor = unitMinor < 1n ? 1n : unitMinor;
    const amountMinor = priceMinor * quantity;
    total += amountMinor;
    lines.push({
      lineNumber: line,
      description: good.description,
      hsCode: good.hsCode,
      originCountry: 'CN',
      quantity: quantity.toString(),
      unitCode: good.unit,
      unitPrice: formatMinor(priceMinor, digits),
      lineAmount: formatMinor(amountMinor, digits),
    });
  }
  return { lines, total };
};

/**
 * One invoice: what tradehub issues as the credential subject and OpenAttestation wraps, both
 * from this same object. `documentNumber` is kept apart because tradehub takes it as its own
 * input field.
 */
const invoiceAt = (random, index) => {
  const buyer = random.pick(buyers);
  const currency = buyer.currency;
  const digits = minorDigits[currency];
  const issuedMs = firstDayMs + random.int(0, 330) * dayMs;
  const incoterm = random.pick(incoterms);
  const { lines, total } = lineItemsOf(random, currency);
  // CIF carries freight and insurance on the invoice; the other terms leave them to the buyer.
  const freightMinor = incoterm === 'CIF' || incoterm === 'CFR' ? total / 25n : 0n;
  const insuranceMinor = incoterm === 'CIF' ? ((total + freightMinor) * 11n) / 1000n : 0n;
  const invoiceTotal = total + freightMinor + insuranceMinor;
  const portOfLoading = random.pick(portsOfLoading);
  return {
    documentNumber: `YW-${dateOf(issuedMs).slice(0, 4)}-${pad(index + 1, 7)}`,
    payload: {
      issueDate: dateOf(issuedMs),
      seller: benchSeller,
      buyer: {
        name: buyer.name,
        taxId: buyer.taxId,
        address: buyer.address,
      },
      orderReference: `PO-${buyer.address.country}-${pad(random.int(1, 999_999), 6)}`,
      currency,
      deliveryTerms: { incoterm, namedPlace: incoterm === 'EXW' ? 'Yiwu' : portOfLoading },
      portOfLoading,
      portOfDischarge: buyer.port,
      paymentTerms: random.pick(paymentTerms),
      lineItems: lines,
      totals: {
        lineTotal: formatMinor(total, digits),
        freight: formatMinor(freightMinor, digits),
        insurance: formatMinor(insuranceMinor, digits),
        invoiceTotal: formatMinor(invoiceTotal, digits),
      },
    },
  };
};

/**
 * `count` invoices from `seed`. Invoice i is the same for every count with the same seed, so a
 * run at 10,000 and a run at 100,000 share their first 10,000 invoices.
 */
export const generateInvoices = ({ count, seed }) => {
  const random = createRandom(seed);
  const invoices = new Array(count);
  for (let i = 0; i < count; i += 1) {
    invoices[i] = invoiceAt(random, i);
  }
  return invoices;
};

/** Leaf values of a JSON value: what OpenAttestation salts and hashes one by one. */
export const countLeafFields = (value) => {
  if (Array.isArray(value)) {
    return value.reduce((sum, item) => sum + countLeafFields(item), 0);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).reduce((sum, item) => sum + countLeafFields(item), 0);
  }
  return 1;
};
