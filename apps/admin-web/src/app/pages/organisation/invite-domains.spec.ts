import { describe, expect, it } from 'vitest';
import { domainIndexFromPath, isValidDomain, normaliseDomain, splitDomains } from './invite-domains';

describe('invite domains', () => {
  it('normalises what people paste', () => {
    expect(normaliseDomain('  Example.COM ')).toBe('example.com');
    expect(normaliseDomain('@acme.io')).toBe('acme.io');
    expect(normaliseDomain('jane@acme.io')).toBe('acme.io');
    expect(normaliseDomain('acme.io.')).toBe('acme.io');
  });

  it('accepts domains the API accepts and rejects the rest', () => {
    expect(isValidDomain('example.com')).toBe(true);
    expect(isValidDomain('mail.example.co.uk')).toBe(true);
    expect(isValidDomain('localhost')).toBe(false);
    expect(isValidDomain('-bad.com')).toBe(false);
    expect(isValidDomain('exa mple.com')).toBe(false);
    expect(isValidDomain('example.c')).toBe(false);
  });

  it('splits a pasted list', () => {
    expect(splitDomains('a.com, b.com;c.com\n d.com ,,')).toEqual(['a.com', 'b.com', 'c.com', 'd.com']);
    expect(splitDomains('   ')).toEqual([]);
  });

  it('reads the index from an error path', () => {
    expect(domainIndexFromPath('allowedDomains.0')).toBe(0);
    expect(domainIndexFromPath('allowedDomains.12')).toBe(12);
    expect(domainIndexFromPath('allowedDomains')).toBeNull();
    expect(domainIndexFromPath('autoInvite')).toBeNull();
  });
});
