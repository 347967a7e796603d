import { groupRequestBody, type GroupRequestInput } from './groupRequestBody';

const input: GroupRequestInput = {
  workspace: 'system:default/bookinfo',
  groupType: 'traffic',
  name: 'reviews',
  namespaces: ['*/bookinfo'],
  settings: { reachability: { mode: 'NAMESPACE' } },
  objects: 'kind: DestinationRule',
  description: 'why',
};

describe('groupRequestBody', () => {
  it.each<[string, GroupRequestInput, object]>([
    [
      'BRIDGED (the default) sends the settings only',
      input,
      {
        mode: 'BRIDGED',
        settings: { reachability: { mode: 'NAMESPACE' } },
      },
    ],
    [
      'DIRECT sends the objects only',
      { ...input, mode: 'DIRECT' },
      { mode: 'DIRECT', objects: 'kind: DestinationRule' },
    ],
    [
      'BRIDGED without settings sends empty settings',
      { ...input, mode: 'BRIDGED', settings: undefined },
      { mode: 'BRIDGED', settings: {} },
    ],
    [
      'DIRECT without objects sends empty objects',
      { ...input, mode: 'DIRECT', objects: undefined },
      { mode: 'DIRECT', objects: '' },
    ],
  ])('%s', (_case, given, group) => {
    expect(groupRequestBody(given)).toEqual({
      workspace: 'system:default/bookinfo',
      description: 'why',
      group: {
        type: 'traffic',
        name: 'reviews',
        namespaces: ['*/bookinfo'],
        ...group,
      },
    });
  });
});
