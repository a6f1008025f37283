import { errorMessage } from '../errors.ts';
import { SigningError } from '../sign/errors.ts';
import { SIGSTORE_AUDIENCE } from '../sign/signer.ts';

/**
 * The OIDC token of the running GitHub Actions job for `audience`, through
 * `@actions/core` (which reads ACTIONS_ID_TOKEN_REQUEST_URL and
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN, and masks the token in the log).
 */
export async function githubActionsIdToken(audience = SIGSTORE_AUDIENCE): Promise<string> {
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new SigningError(
      'SIGNING_IDENTITY_TOKEN',
      'keyless signing needs the GitHub Actions OIDC token, and ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: ' +
        "run in a GitHub Actions job with 'permissions: id-token: write', or sign with a key (--key)",
    );
  }
  try {
    // loaded here only: the CLI bundle is CommonJS, and @actions/core is an ES module
    const core = await import('@actions/core');
    return await core.getIDToken(audience);
  } catch (err) {
    throw new SigningError('SIGNING_IDENTITY_TOKEN', `the GitHub Actions OIDC token request failed: ${errorMessage(err).trim()}`, {
      cause: err,
    });
  }
}
