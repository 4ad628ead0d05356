import { describe, expect, it } from 'vitest';
import { ListQuery, listViewFromParams, listViewToParams, oneOf } from './list-query';

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

  describe('in the address', () => {
    const cleared = { department: '', includeDeactivated: false };
    const sizes = { defaultSize: 25, sizes: [25, 50, 100] };
    const from = (query: string) => listViewFromParams((n) => new URLSearchParams(query).get(n), cleared, sizes);

    it('writes only what differs from the cleared list, the page counted from 1', () => {
      expect(listViewToParams({ filters: cleared, q: '', pageIndex: 0, pageSize: 25 }, cleared, 25)).toEqual({ department: null, includeDeactivated: null, q: null, page: null, size: null });
      expect(listViewToParams({ filters: { department: 'R&D', includeDeactivated: true }, q: 'ana', pageIndex: 2, pageSize: 50 }, cleared, 25)).toEqual({
        department: 'R&D',
        includeDeactivated: 'true',
        q: 'ana',
        page: '3',
        size: '50',
      });
    });

    it('reads back what it wrote', () => {
      expect(from('department=R%26D&includeDeactivated=true&q=ana&page=3&size=50')).toEqual({ filters: { department: 'R&D', includeDeactivated: true }, q: 'ana', pageIndex: 2, pageSize: 50 });
      expect(from('')).toEqual({ filters: {} });
    });

    it('ignores a page or size that is not a whole number, a size not offered, and a yes/no filter that is not "true"', () => {
      expect(from('page=0&size=7&includeDeactivated=yes')).toEqual({ filters: { includeDeactivated: false } });
      expect(from('page=-2&size=1e3')).toEqual({ filters: {} });
      expect(from('page=2.5&size=50abc')).toEqual({ filters: {} });
      expect(from('page=99999999')).toEqual({ filters: {} });
    });
  });
});
