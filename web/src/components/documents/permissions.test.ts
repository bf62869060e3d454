import { describe, expect, it } from 'vitest';
import { documentPermissions } from './permissions.ts';

describe('documentPermissions', () => {
  it('lets members issue, admins and owners change status, viewers only read', () => {
    expect(documentPermissions('viewer')).toEqual({ canIssue: false, canChangeStatus: false });
    expect(documentPermissions('member')).toEqual({ canIssue: true, canChangeStatus: false });
    expect(documentPermissions('admin')).toEqual({ canIssue: true, canChangeStatus: true });
    expect(documentPermissions('owner')).toEqual({ canIssue: true, canChangeStatus: true });
  });
});
