import { Logger } from '@nestjs/common';

process.env.MUTU_TEST_ENGINE = 'postgres';
// Tests assert what the app does; its start-up log lines would only bury the test report.
Logger.overrideLogger(['error']);
