process.env.MUTU_TEST_ENGINE = 'sqlite';
