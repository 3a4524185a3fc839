/**
 * «Modo local»: where the local dev host signs every request in by itself (`npm start` with no
 * sign-in configured), the server's `auth-config` names that identity and both pages say so in
 * the same words: nobody signs in, and who the server takes them for.
 */
export interface LocalIdentity {
  name: string;
  roles: readonly string[];
}

/** «Modo local: sin inicio de sesión; usted entra como dev@localhost (editor, viewer, admin).» */
export function localModeText(identity: LocalIdentity): string {
  const roles = identity.roles.length > 0 ? ` (${identity.roles.join(', ')})` : '';
  return `Modo local: sin inicio de sesión; usted entra como ${identity.name}${roles}.`;
}
