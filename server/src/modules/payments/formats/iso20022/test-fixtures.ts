import { money, parseMoney } from '@tradehub/kernel';
import type { Camt053Input, Pacs002Input, Pacs008Input } from './index.ts';

// One payment through the CBPR+ chain: a Yiwu exporter is paid by a Hamburg buyer.

export const hamburgBuyer: Pacs008Input['debtor'] = {
  name: 'Hamburger Handelshaus GmbH',
  postalAddress: {
    streetName: 'Grosse Elbstrasse',
    buildingNumber: '145',
    postCode: '22767',
    townName: 'Hamburg',
    country: 'DE',
  },
  lei: '5299000J2N45DDNE4Y28',
};

export const yiwuExporter: Pacs008Input['creditor'] = {
  name: '义乌市小商品进出口有限公司 Yiwu Commodities Co., Ltd.',
  // Hybrid: town and country structured, the rest in two address lines.
  postalAddress: {
    townName: 'Yiwu',
    country: 'CN',
    addressLines: ['Futian Street, International Trade City', 'District 2, Gate 7'],
  },
};

export const pacs008Input = (): Pacs008Input => ({
  messageId: 'TH-PACS008-0001',
  createdAt: '2026-11-27T09:30:00+01:00',
  settlementMethod: 'INDA',
  instructionId: 'TH-INSTR-0001',
  endToEndId: 'ORD-2026-11-0042',
  uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
  interbankSettlementAmount: parseMoney('12500.50', 'EUR'),
  interbankSettlementDate: '2026-11-27',
  chargeBearer: 'SHAR',
  instructingAgent: { bic: 'DEUTDEFF' },
  instructedAgent: { bic: 'BKCHCNBJ' },
  debtor: hamburgBuyer,
  debtorAccount: { id: { iban: 'DE89370400440532013000' } },
  debtorAgent: { bic: 'DEUTDEFF' },
  creditorAgent: { bic: 'BKCHCNBJ300' },
  creditor: yiwuExporter,
  creditorAccount: { id: { other: '6217000010001234567', schemeCode: 'BBAN' }, currency: 'CNY' },
  purposeCode: 'GDDS',
  remittanceInformation: 'Invoice CI-2026-0042',
});

export const pacs002Input = (status: Pacs002Input['status']): Pacs002Input => ({
  messageId: `TH-PACS002-${status}`,
  createdAt: '2026-11-27T09:31:00+08:00',
  original: { messageId: 'TH-PACS008-0001', createdAt: '2026-11-27T09:30:00+01:00' },
  originalInstructionId: 'TH-INSTR-0001',
  originalEndToEndId: 'ORD-2026-11-0042',
  originalUetr: '8a562c67-ca16-48ba-b074-65581be6f011',
  status,
  ...(status === 'RJCT'
    ? { reasonCode: 'AC04', additionalInformation: ['Account closed'] }
    : status === 'PDNG'
      ? { reasonCode: 'NARR', additionalInformation: ['Compliance review'] }
      : {}),
  ...(status === 'ACSC' ? { effectiveSettlementDate: '2026-11-27' } : {}),
  originalAmount: parseMoney('12500.50', 'EUR'),
  instructingAgent: { bic: 'BKCHCNBJ' },
  instructedAgent: { bic: 'DEUTDEFF' },
});

export const camt053Input = (): Camt053Input => ({
  messageId: 'TH-CAMT053-20261127',
  createdAt: '2026-11-27T23:59:00+08:00',
  statementId: 'STMT-CNY-20261127',
  electronicSequenceNumber: 331n,
  period: { from: '2026-11-27T00:00:00+08:00', to: '2026-11-27T23:59:59+08:00' },
  account: {
    id: { other: 'acc_01JDX3T3Q6ZC1', schemeCode: 'CUID' },
    currency: 'CNY',
    name: 'Yiwu Commodities CNY',
    ownerName: 'Yiwu Commodities Co., Ltd.',
    servicer: { bic: 'BKCHCNBJ' },
  },
  openingBalance: money('CNY', -1500n),
  openingDate: '2026-11-27',
  closingBalance: money('CNY', 9_708_250n),
  closingDate: '2026-11-27',
  entries: [
    {
      amount: money('CNY', 9_712_250n),
      creditDebit: 'CRDT',
      bookingDate: '2026-11-27',
      valueDate: '2026-11-27',
      accountServicerReference: 'trf_01JDX3V8M2',
      references: { endToEndId: 'ORD-2026-11-0042', uetr: '8a562c67-ca16-48ba-b074-65581be6f011' },
      counterpartyName: 'Hamburger Handelshaus GmbH',
      remittanceInformation: 'Invoice CI-2026-0042',
    },
    {
      amount: money('CNY', 2_500n),
      creditDebit: 'DBIT',
      bookingDate: '2026-11-27',
      accountServicerReference: 'trf_01JDX3V9F0',
      bankTransactionCode: { domain: 'ACMT', family: 'MDOP', subFamily: 'CHRG' },
      additionalInformation: 'Incoming payment fee',
    },
  ],
});

/** A pain.001.001.09 written for tradehub's tests: two payment blocks, structured remittance. */
export const pain001Rich = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>HHH-2026-11-27-001</MsgId>
      <CreDtTm>2026-11-27T08:15:00+01:00</CreDtTm>
      <NbOfTxs>3</NbOfTxs>
      <CtrlSum>13800.51</CtrlSum>
      <InitgPty><Nm>Hamburger Handelshaus GmbH</Nm><Id><OrgId><LEI>5299000J2N45DDNE4Y28</LEI></OrgId></Id></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>PI-EUR-1</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>false</BtchBookg>
      <ReqdExctnDt><DtTm>2026-11-28T10:00:00+01:00</DtTm></ReqdExctnDt>
      <Dbtr>
        <Nm>Hamburger Handelshaus GmbH</Nm>
        <PstlAdr><StrtNm>Grosse Elbstrasse</StrtNm><BldgNb>145</BldgNb><PstCd>22767</PstCd><TwnNm>Hamburg</TwnNm><Ctry>DE</Ctry></PstlAdr>
      </Dbtr>
      <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>
      <ChrgBr>SHAR</ChrgBr>
      <CdtTrfTxInf>
        <PmtId><InstrId>I-1</InstrId><EndToEndId>ORD-2026-11-0042</EndToEndId><UETR>8a562c67-ca16-48ba-b074-65581be6f011</UETR></PmtId>
        <Amt><InstdAmt Ccy="EUR">12500.50</InstdAmt></Amt>
        <CdtrAgt><FinInstnId><BICFI>BKCHCNBJ300</BICFI></FinInstnId></CdtrAgt>
        <Cdtr>
          <Nm>义乌市小商品进出口有限公司</Nm>
          <PstlAdr><TwnNm>Yiwu</TwnNm><Ctry>CN</Ctry><AdrLine>Futian Street, International Trade City</AdrLine></PstlAdr>
        </Cdtr>
        <CdtrAcct><Id><Othr><Id>6217000010001234567</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id></CdtrAcct>
        <Purp><Cd>GDDS</Cd></Purp>
        <RmtInf>
          <Ustrd>Invoice CI-2026-0042 &amp; CI-2026-0043</Ustrd>
          <Strd><RfrdDocInf><Nb>CI-2026-0042</Nb></RfrdDocInf><RfrdDocInf><Nb>CI-2026-0043</Nb></RfrdDocInf><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd>
        </RmtInf>
      </CdtTrfTxInf>
      <CdtTrfTxInf>
        <PmtId><EndToEndId>ORD-2026-11-0043</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">0.01</InstdAmt></Amt>
        <Cdtr><Nm>Fee Test</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>GB29NWBK60161331926819</IBAN></Id></CdtrAcct>
      </CdtTrfTxInf>
    </PmtInf>
    <PmtInf>
      <PmtInfId>PI-JPY-1</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <ReqdExctnDt><Dt>2026-11-30</Dt></ReqdExctnDt>
      <Dbtr><Nm>Hamburger Handelshaus GmbH</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>
      <CdtTrfTxInf>
        <PmtId><EndToEndId>ORD-2026-11-0044</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="JPY">1300</InstdAmt></Amt>
        <ChrgBr>DEBT</ChrgBr>
        <Cdtr><Nm>Osaka Trading KK</Nm><PstlAdr><TwnNm>Osaka</TwnNm><Ctry>JP</Ctry></PstlAdr></Cdtr>
        <CdtrAcct><Id><Othr><Id>1234567</Id></Othr></Id></CdtrAcct>
      </CdtTrfTxInf>
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`;
