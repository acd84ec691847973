package io.roomtone.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires what every server-rendered page shares (see {@link PageModel}). */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {

    private final PageModel pageModel;

    PageConfiguration(PageModel pageModel) {
        this.pageModel = pageModel;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(pageModel).excludePathPatterns("/api/**", "/actuator/**", "/v3/**");
    }
}
