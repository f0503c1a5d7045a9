package dev.baton.process;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The process tests again, in the PostgreSQL pass of the integration tests: the compiled BPMN
 * must behave the same on the production database (joins, timers, variables, history).
 */
@Suite
@SuiteDisplayName("Process tests on PostgreSQL")
@SelectPackages("dev.baton.process")
@IncludeClassNamePatterns(".*ProcessTest")
class ProcessTestsOnPostgresIT {}
