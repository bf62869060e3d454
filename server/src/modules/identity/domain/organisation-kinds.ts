/** The parties of cross-border trade that hold an account on the hub. */
export const organisationKinds = [
  'exporter',
  'importer',
  'ecommerce_platform',
  'logistics_provider',
  'carrier',
  'customs_broker',
  'bank',
  'payment_institution',
  'insurer',
  'data_supplier',
  'data_buyer',
  'mediator',
  'arbitration_body',
  'regulator',
  'customs_authority',
] as const;

export type OrganisationKind = (typeof organisationKinds)[number];
