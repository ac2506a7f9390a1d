/** The suite's version, recorded in every manifest; a unit test keeps it equal to package.json's. */
export const SUITE_VERSION = '0.1.0';
