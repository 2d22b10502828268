// Which refused writes drop the cached write metadata: only Attio's "no such attribute" for a key the Zap wrote.
import { missingAttribute } from '../../src/attio/write_metadata';

const gone = (slug: string, extra = '') => ({ status_code: 400, type: 'invalid_request_error', code: 'value_not_found', message: `Cannot find attribute with slug/ID "${slug}".${extra}` });

describe('attio/write_metadata: missingAttribute', () => {
  it('names a values or entry_values key Attio no longer has', () => {
    expect(missingAttribute(400, gone('hours_estimate'), { data: { values: { hours_estimate: [{ value: 1 }] } } })).toBe('hours_estimate');
    expect(missingAttribute(400, gone('stage'), { data: { parent_record_id: 'x', entry_values: { stage: [{ status: 'Won' }] } } })).toBe('stage');
  });

  it('ignores an attribute of a record referenced inside a value, other codes and statuses, and keys not written', () => {
    const ref = { data: { values: { company: [{ target_object: 'companies', domainz: ['acme.com'] }] } } };
    expect(missingAttribute(400, gone('domainz'), ref)).toBeUndefined();
    expect(missingAttribute(400, { ...gone('company'), message: 'Cannot find attribute with slug/ID "company" on object "companies".' }, ref)).toBeUndefined();
    expect(missingAttribute(400, { ...gone('company'), code: 'validation_type' }, ref)).toBeUndefined();
    expect(missingAttribute(404, gone('company'), ref)).toBeUndefined();
    expect(missingAttribute(400, gone('constructor'), { data: { values: {} } })).toBeUndefined();
    expect(missingAttribute(400, gone('company'), undefined)).toBeUndefined();
  });
});
