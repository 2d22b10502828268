// The Attio app for Zapier: every trigger, action and search is registered here.
import zapier, { defineApp } from 'zapier-platform-core';
import authentication from './authentication';
import addToList from './creates/add_to_list';
import apiRequest from './creates/api_request';
import createComment from './creates/create_comment';
import createCompany from './creates/create_company';
import createNote from './creates/create_note';
import createPerson from './creates/create_person';
import createRecord from './creates/create_record';
import createTask from './creates/create_task';
import deleteRecord from './creates/delete_record';
import removeFromList from './creates/remove_from_list';
import groupWorkspace from './creates/group_workspace';
import identifyUser from './creates/identify_user';
import updateListEntry from './creates/update_list_entry';
import updateRecord from './creates/update_record';
import updateTask from './creates/update_task';
import { includeBearerToken } from './middleware';
import { redactResponse } from './zapier/secrets';
import findCompany from './searches/find_company';
import findListEntry from './searches/find_list_entry';
import findPerson from './searches/find_person';
import findRecord from './searches/find_record';
import listAttributes from './dropdowns/list_attributes';
import findRecords from './searches/find_records';
import listEntries from './dropdowns/list_entries';
import listLists from './dropdowns/list_lists';
import listObjects from './dropdowns/list_objects';
import listRecords from './dropdowns/list_records';
import listTasks from './dropdowns/list_tasks';
import listWorkspaceMembers from './dropdowns/list_workspace_members';
import completedTask from './triggers/completed_task';
import deletedListEntry from './triggers/deleted_list_entry';
import deletedRecord from './triggers/deleted_record';
import newCallRecording from './triggers/new_call_recording';
import newComment from './triggers/new_comment';
import newNote from './triggers/new_note';
import newTask from './triggers/new_task';
import newListEntry from './triggers/new_list_entry';
import newRecord from './triggers/new_record';
import updatedListEntry from './triggers/updated_list_entry';
import updatedRecord from './triggers/updated_record';

// Not imported: package.json sits outside src/, and dist/index.js finds it at the same relative path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require('../package.json') as { version: string };

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [includeBearerToken],
  afterResponse: [redactResponse],
  triggers: {
    [listObjects.key]: listObjects,
    [listLists.key]: listLists,
    [listRecords.key]: listRecords,
    [listEntries.key]: listEntries,
    [listWorkspaceMembers.key]: listWorkspaceMembers,
    [listAttributes.key]: listAttributes,
    [listTasks.key]: listTasks,
    [newRecord.key]: newRecord,
    [deletedRecord.key]: deletedRecord,
    [deletedListEntry.key]: deletedListEntry,
    [newNote.key]: newNote,
    [newTask.key]: newTask,
    [completedTask.key]: completedTask,
    [newComment.key]: newComment,
    [newCallRecording.key]: newCallRecording,
    [newListEntry.key]: newListEntry,
    [updatedRecord.key]: updatedRecord,
    [updatedListEntry.key]: updatedListEntry,
  },
  creates: {
    [createPerson.key]: createPerson,
    [createCompany.key]: createCompany,
    [createTask.key]: createTask,
    [createNote.key]: createNote,
    [createComment.key]: createComment,
    [addToList.key]: addToList,
    [createRecord.key]: createRecord,
    [updateRecord.key]: updateRecord,
    [identifyUser.key]: identifyUser,
    [groupWorkspace.key]: groupWorkspace,
    [updateListEntry.key]: updateListEntry,
    [updateTask.key]: updateTask,
    [removeFromList.key]: removeFromList,
    [deleteRecord.key]: deleteRecord,
    [apiRequest.key]: apiRequest,
  },
  searches: {
    [findPerson.key]: findPerson,
    [findCompany.key]: findCompany,
    [findListEntry.key]: findListEntry,
    [findRecord.key]: findRecord,
    [findRecords.key]: findRecords,
  },
  searchOrCreates: {
    find_person: {
      key: 'find_person',
      display: { label: 'Find or Create Person', description: 'Finds a person by email address, or creates one when none exists.' },
      search: 'find_person',
      create: 'create_person',
    },
    find_company: {
      key: 'find_company',
      display: { label: 'Find or Create Company', description: 'Finds a company by domain, or creates one when none exists.' },
      search: 'find_company',
      create: 'create_company',
    },
    find_record: {
      key: 'find_record',
      display: {
        label: 'Find or Create Record',
        description:
          'Finds a record of any object by one of its attributes, or creates (or updates) one when none matches. For deals, set Match On in the create step so that runs at the same moment still make one record.',
      },
      // Zapier keys a search-or-create by its search, so find_record has this one pair; its create step
      // (create_record) holds the duplicate protection itself: a unique Matching Attribute, or Match On.
      search: 'find_record',
      create: 'create_record',
    },
  },
});
