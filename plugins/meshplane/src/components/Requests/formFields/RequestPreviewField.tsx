import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Typography from '@material-ui/core/Typography';
import {
  groupRequestBody,
  previewVerdict,
  type GroupRequestInput,
  type MeshGroupType,
  type RequestFieldError,
  type RequestPreview,
} from '@meshplane/plugin-meshplane-common';
import { meshplaneRequestsApiRef } from '@meshplane/plugin-meshplane-react';
import { useEffect, useRef, useState } from 'react';
import { PreviewSection } from '../PreviewSection';
import { PreviewVerdict } from '../PreviewVerdict';

/** Name of the scaffolder field in templates (`ui:field: MeshplaneRequestPreview`). */
export const REQUEST_PREVIEW_FIELD_NAME = 'MeshplaneRequestPreview';

/**
 * `ui:options` of the `MeshplaneRequestPreview` field.
 *
 * @public
 */
export type RequestPreviewUiOptions = {
  /** The type of group the template requests. */
  groupType: MeshGroupType;
};

type PreviewState =
  | { state: 'loading' }
  | { state: 'done'; preview: RequestPreview }
  | { state: 'refused'; fieldErrors: RequestFieldError[] }
  | { state: 'failed'; error: Error };

/**
 * The request the form's data describes, as the template's step sends it
 * (`workspace`, `name`, `mode`, `namespaces`, `settings`, `objects`,
 * `description`: the group templates' parameter names).
 */
function requestOf(formData: unknown, groupType: MeshGroupType) {
  const data = (formData ?? {}) as Partial<Record<string, unknown>>;
  return groupRequestBody({
    workspace: data.workspace,
    groupType,
    name: data.name,
    mode: data.mode,
    namespaces: data.namespaces,
    settings: data.settings,
    objects: data.objects,
    description: data.description,
  } as GroupRequestInput);
}

function fieldErrorsOf(error: unknown): RequestFieldError[] | undefined {
  if (!(error instanceof ResponseError) || error.statusCode !== 400)
    return undefined;
  const fieldErrors = (
    error.body?.error as { fieldErrors?: RequestFieldError[] } | undefined
  )?.fieldErrors;
  return Array.isArray(fieldErrors) && fieldErrors.length > 0
    ? fieldErrors
    : undefined;
}

/**
 * Scaffolder field `MeshplaneRequestPreview`, the last step of the group
 * templates: renders the request the form describes through the backend's
 * dry run (`POST /requests/render`, nothing stored) and shows what it would
 * do before Create — whether it breaks traffic, which caller → service edges
 * would start failing, the objects it creates or changes per cluster. Its
 * value is the one-line verdict, so the Review step lists it; it is emptied
 * whenever the preview is computed again, so a stale verdict never reaches
 * the review.
 */
export function RequestPreviewField(
  props: FieldExtensionComponentProps<string, RequestPreviewUiOptions>,
) {
  const api = useApi(meshplaneRequestsApiRef);
  const groupType = props.uiSchema['ui:options']?.groupType ?? 'security';
  const body = JSON.stringify(
    requestOf(props.formContext?.formData, groupType),
  );
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<PreviewState>({ state: 'loading' });
  // `onChange` is a new function on every render; the preview must not restart with it.
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    onChange.current(undefined);
    api
      .renderRequest(JSON.parse(body), { signal: controller.signal })
      .then(rendered => {
        setResult({ state: 'done', preview: rendered.preview });
        onChange.current(previewVerdict(rendered.preview));
      })
      .catch(error => {
        if (controller.signal.aborted) return;
        const fieldErrors = fieldErrorsOf(error);
        setResult(
          fieldErrors
            ? { state: 'refused', fieldErrors }
            : { state: 'failed', error: error as Error },
        );
      });
    return () => controller.abort();
  }, [api, body, attempt]);

  return (
    <Box data-testid="meshplane-request-preview-field">
      <FormLabel component="legend">
        {props.schema.title ?? 'Preview'}
      </FormLabel>
      {result.state === 'loading' && (
        <>
          <FormHelperText>
            Rendering the request and comparing it with the live fleet…
          </FormHelperText>
          <Progress />
        </>
      )}
      {result.state === 'refused' && (
        <Box mt={1}>
          <Typography color="error" variant="body2">
            Meshplane refuses this request; go back and change:
          </Typography>
          <ul>
            {result.fieldErrors.map(error => (
              <li key={`${error.field}: ${error.message}`}>
                <Typography variant="body2">
                  <code>{error.field}</code>: {error.message}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {result.state === 'failed' && (
        <Box mt={1} display="flex" alignItems="center" style={{ gap: 12 }}>
          <Typography color="error" variant="body2">
            Could not preview the request: {result.error.message}
          </Typography>
          <Button variant="outlined" onClick={() => setAttempt(a => a + 1)}>
            Try again
          </Button>
        </Box>
      )}
      {result.state === 'done' && (
        <>
          <Box my={2}>
            <PreviewVerdict preview={result.preview} />
          </Box>
          <PreviewSection preview={result.preview} />
        </>
      )}
    </Box>
  );
}
