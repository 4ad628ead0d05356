import { describe, expect, it } from 'vitest';
import { ListQuery, oneOf } from './list-query';

describe('list query', () => {
  const make = () => new ListQuery({ department: '', status: '', includeDeactivated: false }, { pageSize: 25, initial: { status: 'invited' } });

  it('opens with the cleared filters, the initial ones over them, on the first page', () => {
    const q = make();
    expect(q.filters()).toEqual({ department: '', status: 'invited', includeDeactivated: false });
    expect([q.pageIndex(), q.pageSize(), q.searchText()]).toEqual([0, 25, '']);
    expect(q.filtersSet()).toBe(true);
  });

  it('goes back to the first page when a filter or the search changes', () => {
    const q = make();
    q.turnPage({ pageIndex: 3, pageSize: 50 });
    expect([q.pageIndex(), q.pageSize()]).toEqual([3, 50]);
    q.setFilter('department', 'Sales');
    expect(q.pageIndex()).toBe(0);
    expect(q.filters().department).toBe('Sales');
    q.turnPage({ pageIndex: 2, pageSize: 50 });
    q.search('ana');
    expect([q.pageIndex(), q.searchText()]).toEqual([0, 'ana']);
  });

  it('clears the search and every filter to its cleared value, not to the initial one', () => {
    const q = make();
    q.setFilter('includeDeactivated', true);
    q.search('bo');
    q.turnPage({ pageIndex: 1, pageSize: 25 });
    q.clear();
    expect(q.filters()).toEqual({ department: '', status: '', includeDeactivated: false });
    expect([q.pageIndex(), q.searchText(), q.filtersSet()]).toEqual([0, '', false]);
  });

  it('takes a query parameter only when it is one of the allowed values', () => {
    const states = ['in_review', 'failed'] as const;
    expect(oneOf('failed', states, 'in_review')).toBe('failed');
    expect(oneOf('FAILED', states, 'in_review')).toBe('in_review');
    expect(oneOf(null, states, 'in_review')).toBe('in_review');
    expect(oneOf('constructor', states, 'in_review')).toBe('in_review');
  });
});
