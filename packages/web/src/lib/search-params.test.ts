import { describe, expect, it } from 'vitest';
import { parseLeadsSearch, parseLoginSearch, parseSettingsSearch, safeRedirect } from './search-params.js';

describe('search parameters', () => {
  it('accepts only in-app paths as a redirect after login', () => {
    expect(safeRedirect('/leads?stage=mql')).toBe('/leads?stage=mql');
    expect(safeRedirect('https://evil.example')).toBeUndefined();
    expect(safeRedirect('//evil.example/x')).toBeUndefined();
    expect(safeRedirect('/login?redirect=/x')).toBeUndefined();
    expect(safeRedirect(42)).toBeUndefined();
    expect(parseLoginSearch({ redirect: '/settings' })).toEqual({ redirect: '/settings' });
    expect(parseLoginSearch({})).toEqual({});
  });

  it('keeps known stages and tabs and drops anything else', () => {
    expect(parseLeadsSearch({ stage: 'mql' })).toEqual({ stage: 'mql' });
    expect(parseLeadsSearch({ stage: 'nope' })).toEqual({});
    expect(parseSettingsSearch({ tab: 'api-keys' })).toEqual({ tab: 'api-keys' });
    expect(parseSettingsSearch({ tab: 'billing' })).toEqual({});
  });
});
