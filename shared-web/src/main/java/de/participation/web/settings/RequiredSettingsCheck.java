package de.participation.web.settings;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Refuses to start a service that lacks one of its {@link #required} settings, before any bean
 * connects anywhere. A forgotten database URL must stop a deployment at once, with one line naming
 * the variable, not let it run on some default (there is none: the services start no database of
 * their own). It runs once the environment is complete, tests' dynamic properties included; each
 * service declares its subclass as a component.
 */
public abstract class RequiredSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    /** The settings this service needs in {@code environment} (some only when a feature is on). */
    protected abstract List<RequiredSetting> required(Environment environment);

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (RequiredSetting setting : required(environment)) {
            String value = environment.getProperty(setting.property());
            if (value == null || value.isBlank()) {
                throw new MissingSettingException(setting);
            }
        }
    }
}
