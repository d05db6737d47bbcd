import { describe, expect, it } from 'vitest';
import {
  defaultLeadTimeSettings as s,
  lateOutcome,
  leadTime,
  listEntryCurrent,
  luhnValid,
  missingGates,
  nextStatus,
  ordererGate,
  parsePersonnummer,
  supplierAdministersItself,
  terminationOverdue,
} from './access-orders.js';

// 2026-03-10 10:00 in Stockholm (CET, UTC+1)
const at = new Date('2026-03-10T09:00:00Z');
const gates = { trainingDoneOn: '2026-03-01', secrecyReminderSignedOn: '2026-03-01', informedOfRegistrationOn: '2026-03-01' };

describe('access-order rules', () => {
  it('D0-12: a new account needs 14 calendar days, counted in Stockholm', () => {
    expect(leadTime('new', '2026-03-24', at, s)).toEqual({ requiredDays: 14, daysAhead: 14, earliestDate: '2026-03-24', late: false });
    expect(leadTime('new', '2026-03-23', at, s)).toMatchObject({ daysAhead: 13, late: true, earliestDate: '2026-03-24' });
    // 23:30 UTC on 9 March is already 10 March in Stockholm
    expect(leadTime('new', '2026-03-23', new Date('2026-03-09T23:30:00Z'), s)).toMatchObject({ late: true, daysAhead: 13 });
    // across the change to summer time the count is still whole days
    expect(leadTime('new', '2026-04-07', new Date('2026-03-24T08:00:00Z'), s)).toMatchObject({ daysAhead: 14, late: false });
  });

  it('D0-12: a late order is refused, or accepted as late with a reason, per the tenant setting', () => {
    const lt = leadTime('new', '2026-03-12', at, s);
    expect(lateOutcome(lt, 'reject', 'brådskande')).toBe('refuse');
    expect(lateOutcome(lt, 'accept', '')).toBe('needs_reason');
    expect(lateOutcome(lt, 'accept', 'Vikarie börjar akut')).toBe('accept_late');
    expect(lateOutcome(leadTime('new', '2026-04-01', at, s), 'reject', null)).toBe('on_time');
  });

  it('D0-13: a change of permissions needs 7 calendar days', () => {
    expect(leadTime('change', '2026-03-17', at, s)).toMatchObject({ requiredDays: 7, late: false });
    expect(leadTime('change', '2026-03-16', at, s)).toMatchObject({ daysAhead: 6, late: true, earliestDate: '2026-03-17' });
    expect(leadTime('change', '2026-03-16', at, { ...s, changeLeadDays: 5 })).toMatchObject({ late: false });
  });

  it('D0-14: a termination has no lead time and is never late, whatever its date', () => {
    expect(leadTime('terminate', '2026-03-10', at, s)).toMatchObject({ requiredDays: 0, late: false });
    expect(leadTime('terminate', '2026-01-01', at, s).late).toBe(false);
  });

  it('D0-14: an open termination escalates after the tenant-set hours, an executed one never', () => {
    const submittedAt = new Date('2026-03-10T08:00:00Z');
    expect(terminationOverdue({ type: 'terminate', status: 'submitted', submittedAt }, 4, new Date('2026-03-10T11:59:00Z'))).toBe(false);
    expect(terminationOverdue({ type: 'terminate', status: 'approved', submittedAt }, 4, new Date('2026-03-10T12:00:00Z'))).toBe(true);
    expect(terminationOverdue({ type: 'terminate', status: 'executed', submittedAt }, 4, new Date('2026-03-11T12:00:00Z'))).toBe(false);
    expect(terminationOverdue({ type: 'new', status: 'submitted', submittedAt }, 4, new Date('2026-03-11T12:00:00Z'))).toBe(false);
  });

  it('D0-11: only an orderer on the supplier’s current list orders for that supplier', () => {
    const base = { municipal: false, ordererSupplierIds: ['a'], supplierId: 'a', onCurrentList: true };
    expect(ordererGate(base)).toBe('ok');
    expect(ordererGate({ ...base, supplierId: 'b' })).toBe('not_orderer_of_supplier');
    expect(ordererGate({ ...base, onCurrentList: false })).toBe('not_on_list');
    expect(ordererGate({ ...base, supplierId: null })).toBe('supplier_required');
    // a municipal creator orders for internal staff or names the supplier
    expect(ordererGate({ ...base, municipal: true, ordererSupplierIds: [], supplierId: null, onCurrentList: false })).toBe('ok');
    const today = '2026-03-10';
    expect(listEntryCurrent({ validFrom: '2026-01-01', validTo: null, archived: false }, today)).toBe(true);
    expect(listEntryCurrent({ validFrom: null, validTo: '2026-03-09', archived: false }, today)).toBe(false);
    expect(listEntryCurrent({ validFrom: '2026-03-11', validTo: null, archived: false }, today)).toBe(false);
    expect(listEntryCurrent({ validFrom: null, validTo: null, archived: true }, today)).toBe(false);
  });

  it('D3-03: external staff need training, a signed secrecy reminder and to have been informed before execution', () => {
    const ext = { type: 'new' as const, supplierId: 's' };
    expect(missingGates(ext, { trainingDoneOn: null, secrecyReminderSignedOn: null, informedOfRegistrationOn: null })).toEqual([
      'training',
      'secrecy_reminder',
      'informed',
    ]);
    expect(missingGates(ext, { ...gates, informedOfRegistrationOn: null })).toEqual(['informed']);
    expect(missingGates({ type: 'change', supplierId: 's' }, { ...gates, trainingDoneOn: null })).toEqual(['training']);
    expect(missingGates(ext, gates)).toEqual([]);
    // internal staff and terminations pass without these gates
    expect(
      missingGates(
        { type: 'new', supplierId: null },
        { trainingDoneOn: null, secrecyReminderSignedOn: null, informedOfRegistrationOn: null },
      ),
    ).toEqual([]);
    expect(
      missingGates(
        { type: 'terminate', supplierId: 's' },
        { trainingDoneOn: null, secrecyReminderSignedOn: null, informedOfRegistrationOn: null },
      ),
    ).toEqual([]);
  });

  it('D3-06: a leaver’s termination is executed without waiting for approval; D3-22: other orders need approval first', () => {
    expect(nextStatus('submitted', 'execute', 'terminate')).toBe('executed');
    expect(nextStatus('submitted', 'reject', 'terminate')).toBeNull();
    expect(nextStatus('submitted', 'execute', 'new')).toBeNull();
    expect(nextStatus('submitted', 'approve', 'new')).toBe('approved');
    expect(nextStatus('approved', 'execute', 'new')).toBe('executed');
    expect(nextStatus('submitted', 'reject', 'change')).toBe('rejected');
    expect(nextStatus('executed', 'cancel', 'new')).toBeNull();
    expect(nextStatus('approved', 'cancel', 'change')).toBe('cancelled');
  });

  it('D3-23: every kind of change (new, change, termination) is an order with a status', () => {
    for (const type of ['new', 'change', 'terminate'] as const) expect(nextStatus('submitted', 'cancel', type)).toBe('cancelled');
  });

  it('D3-26: where the supplier administers its own users it changes them itself; terminations still come in', () => {
    expect(supplierAdministersItself('new', true)).toBe(true);
    expect(supplierAdministersItself('change', true)).toBe(true);
    expect(supplierAdministersItself('terminate', true)).toBe(false);
    expect(supplierAdministersItself('new', false)).toBe(false);
  });

  it('personnummer: Luhn check digit and a real, past date; samordningsnummer allowed', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
    const today = '2026-03-10';
    expect(parsePersonnummer('19811218-9876', today)).toEqual({
      ok: true,
      normalized: '19811218-9876',
      masked: '19811218-****',
      coordinationNumber: false,
    });
    expect(parsePersonnummer('811218-9876', today)).toMatchObject({ ok: true, normalized: '19811218-9876' });
    expect(parsePersonnummer('198112189876', today)).toMatchObject({ ok: true, normalized: '19811218-9876' });
    expect(parsePersonnummer('811218+9876', today)).toMatchObject({ ok: true, normalized: '18811218-9876' });
    expect(parsePersonnummer('19811218-9875', today)).toEqual({ ok: false, reason: 'checksum' });
    expect(parsePersonnummer('19810230-1234', today)).toEqual({ ok: false, reason: 'date' });
    expect(parsePersonnummer('20991218-9876', today)).toEqual({ ok: false, reason: 'date' });
    expect(parsePersonnummer('abc', today)).toEqual({ ok: false, reason: 'format' });
    // samordningsnummer: day + 60 (701063-2391 is Skatteverket's example)
    expect(parsePersonnummer('701063-2391', today)).toMatchObject({ ok: true, coordinationNumber: true, normalized: '19701063-2391' });
  });
});
