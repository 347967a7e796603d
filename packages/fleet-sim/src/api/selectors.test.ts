import { ApiError } from './ApiError';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';

describe('label selectors', () => {
  const labels = { app: 'reviews', version: 'v2', 'example.com/tier': 'web' };
  it.each([
    ['app=reviews', true],
    ['app==reviews', true],
    ['app!=reviews', false],
    ['app=reviews,version=v1', false],
    ['version in (v1, v2)', true],
    ['version notin (v1,v2)', false],
    ['example.com/tier', true],
    ['!example.com/tier', false],
    ['missing', false],
    ['!missing,app in (reviews)', true],
    ['missing!=x', true],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each(['app in (a', 'Bad Key=x', 'app=has space'])(
    'rejects %s with a 400',
    selector => {
      expect(() => parseLabelSelector(selector)).toThrow(ApiError);
    },
  );
});

describe('field selectors', () => {
  it('supports metadata.name and metadata.namespace only', () => {
    const requirements = parseFieldSelector(
      'metadata.name=one,metadata.namespace!=kube-system',
    );
    expect(matchesFields(requirements, 'apps', 'one')).toBe(true);
    expect(matchesFields(requirements, 'kube-system', 'one')).toBe(false);
    expect(() => parseFieldSelector('status.phase=Running')).toThrow(
      'field label not supported: status.phase',
    );
  });
});
