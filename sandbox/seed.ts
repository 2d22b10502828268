// Optional sample data (`startSandbox({sampleData: true})`, on by default in `npm run sandbox`): enough
// to try a search, a find-or-create hit and a list entry by hand. Written before any webhook exists,
// so it triggers no deliveries.
import type { Store } from './store';
import type { Actor } from './types';

export function seedSampleData(store: Store, actor: Actor): void {
  const acme = store.createRecord(
    'companies',
    {
      name: ['Acme Corp'],
      domains: ['acme.com'],
      description: ['Makes everything.'],
      categories: ['B2B', 'SaaS'],
      employee_range: ['51-250'],
      primary_location: ['1 Market St, San Francisco, CA, 94105, US'],
    },
    actor,
  );
  const globex = store.createRecord('companies', { name: ['Globex'], domains: ['globex.example'], categories: ['E-commerce'] }, actor);
  store.createRecord(
    'people',
    {
      name: [{ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' }],
      email_addresses: ['ada@acme.com'],
      job_title: ['CTO'],
      phone_numbers: ['+14155550100'],
      company: [{ target_object: 'companies', target_record_id: acme.id }],
    },
    actor,
  );
  store.createRecord(
    'people',
    {
      name: ['Hopper, Grace'],
      email_addresses: ['grace@globex.example'],
      company: [{ target_object: 'companies', domains: [{ domain: 'globex.example' }] }],
    },
    actor,
  );
  store.createEntry('sales_pipeline', { parent_object: 'companies', parent_record_id: acme.id, entry_values: { stage: ['Qualified'], priority: ['High'] } }, actor);
  store.createEntry('sales_pipeline', { parent_object: 'companies', parent_record_id: globex.id, entry_values: { stage: ['Lead'] } }, actor);
  store.createRecord(
    'projects',
    { name: ['Acme onboarding'], project_code: ['ACME-1'], status: ['Active'], priority: ['High'], company: [{ target_object: 'companies', target_record_id: acme.id }] },
    actor,
  );
}
