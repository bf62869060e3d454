// Every reason code a verification report can carry, with a short text in English and Chinese: the
// codes are stable API (the web UI translates them), the texts serve the CLI's --lang option.

/** The checks of a verification report, in the order they are reported. */
export const VERIFICATION_CHECKS = [
  'integrity',
  'signature',
  'issuer_key',
  'issuer_identity',
  'log_inclusion',
  'checkpoint',
  'witnesses',
  'status',
] as const;

export type CheckName = (typeof VERIFICATION_CHECKS)[number];

/** Short texts for every reason code, in English and Simplified Chinese. */
export const VERIFICATION_REASON_TEXT = {
  // Input that could not be read at all.
  bundle_too_large: { en: 'The file is larger than 1 MiB', zh: '文件超过 1 MiB' },
  bundle_truncated: { en: 'The file is truncated', zh: '文件不完整（被截断）' },
  bundle_not_json: { en: 'The file is not valid JSON', zh: '文件不是有效的 JSON' },
  bundle_malformed: { en: 'The verification bundle is malformed', zh: '验证包格式错误' },
  input_not_recognised: {
    en: 'Neither a verification bundle nor a signed credential',
    zh: '既不是验证包，也不是已签名的凭证',
  },
  input_unreadable: { en: 'Not checked: the input could not be read', zh: '未检查：无法读取输入' },
  // integrity
  doc_hash_matches: { en: 'The document matches its log entry', zh: '文件内容与日志条目一致' },
  doc_hash_mismatch: {
    en: 'The document was changed after it was logged',
    zh: '文件在登记后被修改',
  },
  entry_missing: { en: 'The log proof carries no log entry', zh: '日志证明中没有日志条目' },
  entry_malformed: { en: 'The log entry is malformed', zh: '日志条目格式错误' },
  entry_not_issue: { en: 'The log entry does not record an issuance', zh: '日志条目不是签发记录' },
  record_id_mismatch: {
    en: 'The log entry belongs to another issuer or document',
    zh: '日志条目属于其他签发方或其他文件',
  },
  batch_proof_missing: {
    en: 'The log entry records an issuance batch, but the bundle does not place the document in it',
    zh: '日志条目记录的是批量签发，但验证包没有给出该文件在批次中的位置',
  },
  batch_proof_invalid: {
    en: "The document's path in its issuance batch does not lead to the logged batch",
    zh: '该文件在签发批次中的路径与日志记录的批次不符',
  },
  credential_malformed: { en: 'The credential is malformed', zh: '凭证格式错误' },
  entry_unavailable: { en: 'Not checked: the log entry could not be read', zh: '未检查：无法读取日志条目' },
  no_proof_bundle: { en: 'No proof bundle: the log was not checked', zh: '没有验证包：未检查日志' },
  // signature
  signature_verified: { en: "The issuer's signature is valid", zh: '签发方签名有效' },
  signature_invalid: { en: "The issuer's signature is invalid", zh: '签发方签名无效' },
  proof_missing: { en: 'The credential has no proof', zh: '凭证没有签名证明' },
  proof_malformed: {
    en: 'The proof is malformed or of an unsupported kind',
    zh: '签名证明格式错误或类型不受支持',
  },
  wrong_proof_purpose: { en: 'The proof was not made for issuing', zh: '签名证明的用途不是签发' },
  did_document_malformed: { en: "The issuer's DID document is malformed", zh: '签发方的 DID 文档格式错误' },
  did_document_mismatch: {
    en: 'The DID document is not the issuer’s',
    zh: 'DID 文档不属于该签发方',
  },
  verification_method_not_issuer: {
    en: 'The signing key does not belong to the issuer',
    zh: '签名密钥不属于签发方',
  },
  verification_method_not_found: {
    en: "The signing key is not in the issuer's DID document",
    zh: '签发方的 DID 文档中没有该签名密钥',
  },
  verification_method_malformed: { en: 'The signing key entry is malformed', zh: '签名密钥条目格式错误' },
  no_did_document: {
    en: 'Could not check: no DID document for the issuer',
    zh: '无法检查：没有签发方的 DID 文档',
  },
  issuer_malformed: { en: 'The credential names no valid issuer', zh: '凭证未注明有效的签发方' },
  // issuer_key
  key_valid_at_issuance: { en: 'The key was valid when the document was signed', zh: '签名时密钥有效' },
  key_revoked: { en: 'The key had been revoked when the document was signed', zh: '签名时密钥已被吊销' },
  key_expired: {
    en: 'The key had been rotated out when the document was signed',
    zh: '签名时密钥已被轮换停用',
  },
  key_not_for_assertion: { en: 'The key is not authorised for issuing', zh: '该密钥无权签发凭证' },
  issuance_time_unknown: {
    en: 'The signing time is unknown, so key validity cannot be shown',
    zh: '签名时间不明，无法证明密钥当时有效',
  },
  entry_actor_mismatch: {
    en: 'The log entry was not made with the issuer’s key',
    zh: '日志条目不是用签发方密钥生成的',
  },
  entry_signature_invalid: { en: "The log entry's signature is invalid", zh: '日志条目签名无效' },
  no_key: { en: 'Not checked: no signing key was found', zh: '未检查：未找到签名密钥' },
  // issuer_identity
  did_document_pinned: {
    en: "The issuer's DID document is pinned in the trust policy",
    zh: '签发方的 DID 文档已固定在信任策略中',
  },
  did_document_resolved: {
    en: "The issuer's DID document was fetched online",
    zh: '已在线获取签发方的 DID 文档',
  },
  issuer_attested_by_log: {
    en: 'The trusted log attests the signing key belongs to the issuer (it records issuances only from the issuer they name)',
    zh: '受信任的日志证明签名密钥属于签发方（该日志只记录由其所指明的签发方本人提交的签发）',
  },
  did_document_from_bundle: {
    en: "Only the bundle's own copy of the DID document was available",
    zh: '仅有验证包自带的 DID 文档副本',
  },
  network_error: { en: 'Could not check: network error', zh: '无法检查：网络错误' },
  did_resolution_failed: {
    en: 'Could not check: the DID could not be resolved',
    zh: '无法检查：无法解析 DID',
  },
  // log_inclusion
  included: { en: 'The entry is in the log', zh: '条目已记入日志' },
  tlog_proof_malformed: { en: 'The log proof is malformed', zh: '日志证明格式错误' },
  index_out_of_range: { en: 'The entry index is beyond the checkpoint', zh: '条目序号超出检查点范围' },
  proof_for_other_tree_size: {
    en: 'The inclusion proof was made for another tree size',
    zh: '包含证明对应的是另一个树大小',
  },
  inclusion_proof_invalid: {
    en: 'The inclusion proof does not lead to the checkpoint',
    zh: '包含证明与检查点不符',
  },
  checkpoint_unusable: { en: 'Not checked: the checkpoint could not be read', zh: '未检查：无法读取检查点' },
  // checkpoint
  checkpoint_signed: { en: 'The checkpoint is signed by a trusted log', zh: '检查点由受信任的日志签名' },
  checkpoint_malformed: { en: 'The checkpoint is malformed', zh: '检查点格式错误' },
  checkpoint_unknown_origin: {
    en: 'The checkpoint is from an untrusted log',
    zh: '检查点来自不受信任的日志',
  },
  checkpoint_unknown_key: {
    en: 'The checkpoint is signed by an unknown key',
    zh: '检查点由未知密钥签名',
  },
  checkpoint_signature_invalid: {
    en: "The log's checkpoint signature is invalid",
    zh: '日志的检查点签名无效',
  },
  no_trust_policy: { en: 'Could not check: no trust policy', zh: '无法检查：没有信任策略' },
  // witnesses
  witness_quorum_met: { en: 'Enough independent witnesses cosigned', zh: '已有足够的独立见证方联署' },
  witness_quorum_not_met: { en: 'Too few witnesses cosigned', zh: '联署的见证方不足' },
  witness_cosignature_invalid: {
    en: "A witness's cosignature is invalid (e.g. made for a rolled-back tree)",
    zh: '见证方联署无效（例如针对已回滚的树）',
  },
  no_witnesses_required: { en: 'The trust policy requires no witnesses', zh: '信任策略不要求见证方' },
  // status
  status_active: { en: 'Neither revoked nor suspended', zh: '未吊销，未暂停' },
  revoked: { en: 'The document has been revoked', zh: '文件已被吊销' },
  suspended: { en: 'The document is suspended', zh: '文件已被暂停' },
  no_status_list: { en: 'No status list was supplied', zh: '未提供状态列表' },
  no_credential_status: { en: 'The document has no revocation status', zh: '文件没有吊销状态信息' },
  status_list_missing: {
    en: 'Could not check: a status list the document names is missing',
    zh: '无法检查：缺少文件引用的状态列表',
  },
  status_list_malformed: { en: 'The status list is malformed', zh: '状态列表格式错误' },
  status_list_issuer_mismatch: {
    en: 'The status list is from another issuer',
    zh: '状态列表来自其他签发方',
  },
  status_list_signature_invalid: { en: "The status list's signature is invalid", zh: '状态列表签名无效' },
  status_list_not_logged: {
    en: 'The status list is not proven to be in the log',
    zh: '无法证明状态列表已记入日志',
  },
  status_purpose_mismatch: { en: 'The status list has another purpose', zh: '状态列表的用途不符' },
  status_entry_malformed: { en: "The document's status entry is malformed", zh: '文件的状态条目格式错误' },
  status_entry_unsupported: {
    en: 'Could not check: unsupported kind of status entry',
    zh: '无法检查：不支持的状态条目类型',
  },
  status_index_out_of_range: { en: 'The status index is outside the list', zh: '状态序号超出列表范围' },
  status_list_undecodable: {
    en: 'Could not check: this environment cannot decompress the status list',
    zh: '无法检查：当前环境无法解压状态列表',
  },
} as const satisfies Record<string, { en: string; zh: string }>;

/** A stable snake_case reason code of a check result. */
export type VerificationReason = keyof typeof VERIFICATION_REASON_TEXT;

/** Every reason code, so a UI can test that it has a translation for each. */
export const VERIFICATION_REASONS = Object.keys(VERIFICATION_REASON_TEXT) as readonly VerificationReason[];
